import { Injectable, SetMetadata } from '@nestjs/common';
import type { JobOf } from '../job-payloads';
import type { JobName } from '../queue.constants';

export const JOB_PROCESSOR = Symbol('greenlight:job-processor');

/**
 * What a queue's dispatcher hands one kind of job to. It only calls a service: a missing record or an
 * already-done job is logged and answered (completed, not retried); anything thrown is retried by BullMQ.
 */
export interface JobProcessor<N extends JobName> {
  process(job: JobOf<N>): Promise<unknown>;
  /** Every attempt failed (BullMQ keeps the job as failed); e.g. a message goes back for a later round. */
  exhausted?(job: JobOf<N>, error: Error): Promise<void>;
}

/** Marks the one provider that processes `name` jobs; the queue's dispatcher finds it at start-up. */
export const ProcessesJob = (name: JobName): ClassDecorator => {
  const mark = SetMetadata(JOB_PROCESSOR, name);
  const injectable = Injectable();
  return (target) => {
    mark(target);
    injectable(target);
  };
};
