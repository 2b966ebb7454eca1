import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { JobName, QUEUE_OF, QueueName } from './queue.constants';
import { jobIdFor, JobPayload } from './job-payloads';

/** The only way jobs are added: typed payloads, and ids from the business key so a re-add is a no-op. */
@Injectable()
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  async add<N extends JobName>(name: N, payload: JobPayload[N]): Promise<void> {
    await this.queue(QUEUE_OF[name]).add(name, payload, { jobId: jobIdFor[name](payload as never) });
  }

  async addBulk<N extends JobName>(name: N, payloads: JobPayload[N][]): Promise<void> {
    if (!payloads.length) return;
    await this.queue(QUEUE_OF[name]).addBulk(
      payloads.map((payload) => ({ name, data: payload, opts: { jobId: jobIdFor[name](payload as never) } })),
    );
  }

  /**
   * A job the queue adds by itself every `everyMs` (a BullMQ job scheduler). Upserting under the same id
   * from several processes keeps one scheduler; a changed interval replaces the old one.
   */
  async schedule<N extends JobName>(schedulerId: string, everyMs: number, name: N, payload: JobPayload[N]) {
    await this.queue(QUEUE_OF[name]).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data: payload });
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
