import { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { AppConfig } from '@greenlight/config';
import type { QueueName } from './queue.constants';

/**
 * Workers start only once the app is up, and only for the queues in WORKER_QUEUES. A job whose worker
 * died (its lock not renewed for lockDuration) is found by the stalled check and run again, up to twice.
 * On shutdown Nest closes the worker, which waits for the jobs in hand to finish.
 */
export const WORKER_OPTIONS = {
  autorun: false,
  lockDuration: 30_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
} as const;

export function startWorker(worker: Worker, config: AppConfig, queue: QueueName): void {
  if (!config.workerQueues.includes(queue)) {
    new Logger('Worker').log(`Not consuming ${queue} (WORKER_QUEUES=${config.WORKER_QUEUES})`);
    return;
  }
  worker.concurrency = config.WORKER_CONCURRENCY;
  worker.run().catch((error: Error) => new Logger('Worker').error(`${queue} worker stopped: ${error.message}`));
}
