import { JobName, QUEUE_OF, QueueName } from '../queue.constants';

export interface FoundProcessor {
  job: JobName;
  /** The provider's class name, for the error message. */
  by: string;
}

/**
 * What is wrong with the job processors found in one process, given the queues it dispatches: every job
 * of a dispatched queue needs exactly one processor (none strands its jobs, two would race for them), and
 * a processor whose queue nobody dispatches in this process would never run.
 */
export function jobProcessorProblems(found: FoundProcessor[], dispatched: Iterable<QueueName>): string[] {
  const queues = new Set(dispatched);
  const problems: string[] = [];
  for (const job of Object.values(JobName)) {
    const by = found.filter((processor) => processor.job === job).map((processor) => processor.by);
    if (queues.has(QUEUE_OF[job]) && by.length === 0)
      problems.push(`job "${job}" on queue "${QUEUE_OF[job]}" has no processor`);
    if (by.length > 1) problems.push(`job "${job}" has ${by.length} processors (${by.join(', ')})`);
    if (!queues.has(QUEUE_OF[job]) && by.length > 0)
      problems.push(`${by.join(', ')} processes "${job}" but no dispatcher consumes queue "${QUEUE_OF[job]}" here`);
  }
  return problems;
}
