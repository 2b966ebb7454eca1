import { JobName, QueueName } from '../queue.constants';
import { jobProcessorProblems } from './job-processor-check';

const all = [
  { job: JobName.IssueCertificate, by: 'IssueCertificateProcessor' },
  { job: JobName.RecordCertificateForEnrolment, by: 'EnrolmentCertificateProcessor' },
  { job: JobName.SendMessage, by: 'SendMessageProcessor' },
  { job: JobName.RunReminderRules, by: 'ReminderRulesProcessor' },
];

describe('the job processor check', () => {
  it('finds nothing wrong when every job of every dispatched queue has exactly one processor', () => {
    expect(jobProcessorProblems(all, Object.values(QueueName))).toEqual([]);
  });

  it('accepts a process that dispatches only some queues and holds only their processors', () => {
    expect(jobProcessorProblems([all[1]!], [QueueName.ProgressEvents])).toEqual([]);
  });

  it('names a job of a dispatched queue that nobody processes', () => {
    expect(jobProcessorProblems(all.slice(1), Object.values(QueueName))).toEqual([
      'job "issue-certificate" on queue "certificates" has no processor',
    ]);
  });

  it('names a job that two processors claim', () => {
    const twice = [...all, { job: JobName.SendMessage, by: 'OtherMailer' }];
    expect(jobProcessorProblems(twice, Object.values(QueueName))).toEqual([
      'job "send-message" has 2 processors (SendMessageProcessor, OtherMailer)',
    ]);
  });

  it('names a processor whose queue has no dispatcher in the process', () => {
    expect(jobProcessorProblems(all.slice(1, 3), [QueueName.ProgressEvents])).toEqual([
      'SendMessageProcessor processes "send-message" but no dispatcher consumes queue "notifications" here',
    ]);
  });
});
