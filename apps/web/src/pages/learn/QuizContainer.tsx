import { useQuizAttempts, useSubmitQuiz } from '../../api/hooks';
import type { QuizItem } from '../../api/types';
import { Loading } from '../../components/State';
import { QuizView } from './QuizView';

/** Attempts left after `used` attempts; null when the quiz allows any number. */
export function attemptsLeftAfter(maxAttempts: number | null, used: number): number | null {
  return maxAttempts == null ? null : Math.max(0, maxAttempts - used);
}

/** A quiz with its newest attempt, submitting through the API. */
export function QuizContainer({ item, enrolmentId, done }: { item: QuizItem; enrolmentId: string; done: boolean }) {
  const submit = useSubmitQuiz(enrolmentId, item.id);
  const attempts = useQuizAttempts(enrolmentId, item.id);
  if (attempts.isPending && !submit.data) return <Loading />;
  const previous = attempts.data ?? [];
  const last = previous.at(-1);
  // The newest result, fresh from submitting or from an earlier visit, with its feedback.
  const shown =
    submit.data ?? (last ? { ...last, attemptsLeft: attemptsLeftAfter(item.maxAttempts, previous.length) } : undefined);
  return (
    <QuizView
      key={shown?.id ?? 'first'}
      item={item}
      done={done && !shown}
      pending={submit.isPending}
      error={submit.error}
      attempt={shown}
      onSubmit={(answers) => submit.mutate(answers)}
    />
  );
}
