import { JobName, QUEUE_OF, queueDispatcher, QueueName } from '@greenlight/queue';
import { startTestApp, TestApp } from '@greenlight/testing';
import { PlatformModule } from './platform.module';

jest.setTimeout(60_000);

describe('the platform with its worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Consuming nothing: only the composition is under test. The boot check ran when it started.
    t = await startTestApp((config) => PlatformModule.register(config), {
      env: { RUN_WORKER: 'true', WORKER_QUEUES: 'none' },
    });
  });
  afterAll(() => t.close());

  it('dispatches every queue, so the boot check gave every job name exactly one processor', () => {
    for (const queue of Object.values(QueueName)) expect(t.app.get(queueDispatcher(queue)).queue).toBe(queue);
    expect(new Set(Object.values(JobName).map((name) => QUEUE_OF[name]))).toEqual(new Set(Object.values(QueueName)));
  });
});
