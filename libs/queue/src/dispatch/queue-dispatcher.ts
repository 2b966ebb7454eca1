import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { JobOf } from '../job-payloads';
import { JobName, QueueName } from '../queue.constants';
import { startWorker, WORKER_OPTIONS } from '../worker-options';
import { JOB_PROCESSOR, JobProcessor } from './job-processor.decorator';
import { FoundProcessor, jobProcessorProblems } from './job-processor-check';

/**
 * Queues consumed by every process that mounts their dispatcher, whatever WORKER_QUEUES says: progress-events
 * writes the progress schema, so the processes of the progress service consume it, not the worker's.
 */
const CONSUMED_WHEREVER_MOUNTED: readonly QueueName[] = [QueueName.ProgressEvents];

type AnyJob = JobOf<JobName>;

/**
 * The one consumer of a queue in a process (built per queue by `JobDispatchModule.forQueue`). At start-up
 * it finds the `@ProcessesJob` providers, refuses to boot unless every job of every dispatched queue has
 * exactly one, and then hands each job to its processor by name. The name guard, the failure log and
 * the exhausted hook are written here once for every queue.
 */
@Injectable()
export abstract class QueueDispatcher extends WorkerHost implements OnApplicationBootstrap {
  abstract readonly queue: QueueName;
  private readonly processors = new Map<JobName, JobProcessor<JobName>>();
  private logger = new Logger(QueueDispatcher.name);

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.logger = new Logger(`${QueueDispatcher.name}:${this.queue}`);
    const found: (FoundProcessor & { instance: JobProcessor<JobName> })[] = [];
    const dispatched = new Set<QueueName>();
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.instance instanceof QueueDispatcher) dispatched.add(wrapper.instance.queue);
      const job = wrapper.metatype ? (Reflect.getMetadata(JOB_PROCESSOR, wrapper.metatype) as JobName) : undefined;
      if (job && wrapper.instance) found.push({ job, by: wrapper.name.toString(), instance: wrapper.instance });
    }
    const problems = jobProcessorProblems(found, dispatched);
    if (problems.length) throw new Error(`Job processors do not match the queues: ${problems.join('; ')}`);
    for (const { job, instance } of found) this.processors.set(job, instance);
    if (CONSUMED_WHEREVER_MOUNTED.includes(this.queue)) {
      this.worker.concurrency = this.config.WORKER_CONCURRENCY;
      void this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`));
    } else startWorker(this.worker, this.config, this.queue);
  }

  async process(job: Job): Promise<unknown> {
    const processor = this.processors.get(job.name as JobName);
    // Retrying cannot make a job nobody here understands succeed (e.g. one left by a newer release).
    if (!processor) {
      this.logger.warn(`Ignoring job "${job.name}" (${job.id}): no processor for it on ${this.queue}`);
      return { outcome: 'ignored' };
    }
    return processor.process(job as unknown as AnyJob);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    this.logger.error(`Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.processors
      .get(job.name as JobName)
      ?.exhausted?.(job as unknown as AnyJob, error)
      .catch((hookError: Error) => this.logger.warn(`After job ${job.id} ran out of attempts: ${hookError.message}`));
  }

  /** Connection trouble (Redis restarting): BullMQ reconnects by itself; a warning, not an unhandled event. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`${this.queue} worker: ${error.message}`);
  }
}

const dispatchers = new Map<QueueName, Type<QueueDispatcher>>();

/** The dispatcher class of one queue (one class per queue: `@Processor` names the queue on the class). */
export function queueDispatcher(queue: QueueName): Type<QueueDispatcher> {
  let dispatcher = dispatchers.get(queue);
  if (!dispatcher) {
    class Dispatcher extends QueueDispatcher {
      readonly queue = queue;
    }
    Object.defineProperty(Dispatcher, 'name', { value: `QueueDispatcher(${queue})` });
    Processor(queue, WORKER_OPTIONS)(Dispatcher);
    dispatcher = Dispatcher;
    dispatchers.set(queue, dispatcher);
  }
  return dispatcher;
}
