import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradedAttempt, QuizItem } from '../../api/types';
import { ErrorAlert } from '../../components/State';
import { toAnswers, toDraft, unanswered, type Draft } from '../../lib/quiz';
import { QuestionField } from './QuestionField';

/** A quiz's form: its questions by type, each result under its answer after grading, the score. */
export function QuizView({
  item,
  done,
  onSubmit,
  pending,
  error,
  attempt,
}: {
  item: QuizItem;
  done: boolean;
  onSubmit: (answers: ReturnType<typeof toAnswers>) => void;
  pending: boolean;
  error: unknown;
  attempt: GradedAttempt | undefined;
}) {
  const { t } = useTranslation();
  // After grading, the form keeps the answers that were graded, so each result reads against its answer.
  const [draft, setDraft] = useState<Draft>(() => toDraft(attempt?.answers));
  const [missing, setMissing] = useState<string[]>([]);
  const results = new Map(attempt?.results.map((result) => [result.questionId, result]));
  // Descriptions sit between questions without a number.
  const numbers = new Map(
    item.questions
      .filter((question) => question.type !== 'description')
      .map((question, index) => [question.id, index + 1]),
  );
  const set = (id: string, value: Draft[string]) => {
    setDraft((current) => ({ ...current, [id]: value }));
    setMissing((current) => current.filter((m) => m !== id));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = unanswered(item.questions, draft);
    if (blank.length) {
      setMissing(blank.map((q) => q.id));
      return;
    }
    onSubmit(toAnswers(item.questions, draft));
  };
  const noAttemptsLeft = attempt?.attemptsLeft === 0 && !attempt.passed;
  const locked = done || noAttemptsLeft || Boolean(attempt?.passed);

  return (
    <form onSubmit={submit} noValidate aria-describedby={`quiz-rules-${item.id}`}>
      <Stack>
        <Text id={`quiz-rules-${item.id}`}>
          {t('quiz.rules', { passMark: item.passMark })}{' '}
          {item.maxAttempts == null ? t('quiz.unlimited') : t('quiz.maxAttempts', { count: item.maxAttempts })}
        </Text>
        {done && !attempt && <Alert color="teal">{t('quiz.alreadyPassed')}</Alert>}
        {item.questions.map((question) => {
          const result = results.get(question.id);
          const field = (
            <QuestionField
              question={question}
              number={question.type === 'description' ? '' : `${numbers.get(question.id)}. `}
              value={draft[question.id]}
              onChange={(value) => set(question.id, value)}
              error={missing.includes(question.id) ? t('quiz.answerRequired') : undefined}
              locked={locked}
            />
          );
          if (question.type === 'description') return <div key={question.id}>{field}</div>;
          return (
            <Paper withBorder p="md" key={question.id}>
              {field}
              {result && (
                <Alert
                  mt="sm"
                  color={result.correct ? 'teal' : 'red'}
                  title={result.correct ? t('quiz.correct') : t('quiz.incorrect')}
                >
                  {result.feedback}
                </Alert>
              )}
            </Paper>
          );
        })}
        <ErrorAlert error={error} />
        {attempt && (
          <Alert
            role="status"
            color={attempt.passed ? 'teal' : 'orange'}
            title={attempt.passed ? t('quiz.passed') : t('quiz.failed')}
          >
            {t('quiz.score', { score: Math.round(attempt.score) })}{' '}
            {attempt.attemptsLeft == null
              ? ''
              : attempt.passed
                ? ''
                : t('quiz.attemptsLeft', { count: attempt.attemptsLeft })}
          </Alert>
        )}
        {!locked && (
          <Group>
            <Button type="submit" loading={pending}>
              {attempt ? t('quiz.tryAgain') : t('quiz.submit')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
