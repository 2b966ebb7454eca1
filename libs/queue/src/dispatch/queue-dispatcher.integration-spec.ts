import { Module } from '@nestjs/common';
import { CoreModule } from '@greenlight/common';
import { until, startTestApp, TestApp } from '@greenlight/testing';
import { JobProducer } from '../job-producer';
import type { JobOf } from '../job-payloads';
import { JobName, QueueName } from '../queue.constants';
import { QueueModule } from '../queue.module';
import { JobDispatchModule } from './job-dispatch.module';
import { JobProcessor, ProcessesJob } from './job-processor.decorator';

jest.setTimeout(30_000);

@ProcessesJob(JobName.SendMessage)
class RecordingProcessor implements JobProcessor<JobName.SendMessage> {
  readonly processed: JobOf<JobName.SendMessage>[] = [];
  readonly exhaustedJobs: string[] = [];

  async process(job: JobOf<JobName.SendMessage>): Promise<{ round: number }> {
    if (job.data.messageId.startsWith('failing')) throw new Error('the mail server is down');
    this.processed.push(job);
    return { round: job.data.round };
  }

  async exhausted(job: JobOf<JobName.SendMessage>): Promise<void> {
    this.exhaustedJobs.push(`${job.data.messageId} after ${job.attemptsMade}`);
  }
}

@ProcessesJob(JobName.SendMessage)
class SecondProcessor implements JobProcessor<JobName.SendMessage> {
  async process(): Promise<void> {}
}

@Module({
  imports: [CoreModule, QueueModule, JobDispatchModule.forQueue(QueueName.Notifications)],
  providers: [RecordingProcessor],
})
class OneProcessorModule {}

@Module({
  imports: [CoreModule, QueueModule, JobDispatchModule.forQueue(QueueName.Notifications)],
  providers: [RecordingProcessor, SecondProcessor],
})
class TwoProcessorsModule {}

@Module({ imports: [CoreModule, QueueModule, JobDispatchModule.forQueue(QueueName.Notifications)] })
class NoProcessorModule {}

describe('the queue dispatcher', () => {
  describe('with one processor for each job of its queue', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(() => OneProcessorModule, { env: { WORKER_QUEUES: 'notifications' } });
    });
    afterAll(() => t.close());

    const queue = () => t.app.get(JobProducer).queue(QueueName.Notifications);

    it('hands a job to its processor with the typed payload, and keeps what the processor answered', async () => {
      await t.app.get(JobProducer).add(JobName.SendMessage, { messageId: 'one', round: 2 });
      const recording = t.app.get(RecordingProcessor);
      await until(
        () => recording.processed.length,
        (count) => count === 1,
      );
      expect(recording.processed[0]).toMatchObject({ name: JobName.SendMessage, id: 'message-one-2' });
      expect(recording.processed[0]!.data).toEqual({ messageId: 'one', round: 2 });
      const job = await until(
        () => queue().getJob('message-one-2'),
        (found) => found?.returnvalue != null,
      );
      expect(job?.returnvalue).toEqual({ round: 2 });
    });

    it('calls the exhausted hook once, when the last attempt has failed', async () => {
      await queue().add(
        JobName.SendMessage,
        { messageId: 'failing', round: 0 },
        { jobId: 'failing', attempts: 2, backoff: 0 },
      );
      const recording = t.app.get(RecordingProcessor);
      await until(
        () => recording.exhaustedJobs,
        (jobs) => jobs.length > 0,
      );
      const job = await queue().getJob('failing');
      expect(await job?.isFailed()).toBe(true);
      expect(recording.exhaustedJobs).toEqual(['failing after 2']);
    });

    it('completes a job whose name nobody processes instead of retrying it', async () => {
      await queue().add('from-a-newer-release', {}, { jobId: 'unknown-1' });
      const job = await until(
        () => queue().getJob('unknown-1'),
        (found) => found?.returnvalue != null,
      );
      expect(job?.returnvalue).toEqual({ outcome: 'ignored' });
      expect(job?.attemptsMade).toBe(1);
    });
  });

  it('refuses to boot when two processors claim one job', async () => {
    await expect(startTestApp(() => TwoProcessorsModule)).rejects.toThrow(
      'Job processors do not match the queues: job "send-message" has 2 processors (RecordingProcessor, SecondProcessor)',
    );
  });

  it('refuses to boot when a job of its queue has no processor', async () => {
    await expect(startTestApp(() => NoProcessorModule)).rejects.toThrow(
      'job "send-message" on queue "notifications" has no processor',
    );
  });
});
