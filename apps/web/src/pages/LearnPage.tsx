// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/CheckboxCard.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import '@mantine/core/styles/Grid.layer.css';
import '@mantine/core/styles/NavLink.layer.css';
import '@mantine/core/styles/RadioCard.layer.css';
import '@mantine/core/styles/RadioIndicator.layer.css';
import '@mantine/core/styles/Typography.layer.css';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  NavLink as MantineNavLink,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
  Typography,
} from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useCompleteItem, useEnrolment, useModuleVersion, useQuizAttempts, useSubmitQuiz } from '../api/hooks';
import type { EventItem, Item, LessonItem, QuizAttempt, QuizItem } from '../api/types';
import { Deadline, RenewalNotice, RenewButton } from '../components/Renewal';
import { ErrorAlert, Loading } from '../components/State';
import { formatDate } from '../lib/format';
import { buildIcs, downloadFile } from '../lib/ics';
import { renderMarkdown } from '../lib/markdown';
import { completedItemIds, nextItemId, unitProgress, unitsForTrack } from '../lib/progress';
import { toAnswers, toDraft, unanswered, type Draft } from '../lib/quiz';
import { QuestionField } from './learn/question-fields';
import { usePageTitle } from '../lib/usePageTitle';

function DoneBadge({ done }: { done: boolean }) {
  const { t } = useTranslation();
  return done ? (
    <Badge color="teal.9" variant="filled">
      {t('learn.completed')}
    </Badge>
  ) : (
    <Badge color="gray.8" variant="outline">
      {t('learn.notCompleted')}
    </Badge>
  );
}

/** A lesson as members read it (also the staff preview of a draft). */
export function LessonContent({ item }: { item: LessonItem }) {
  const { t } = useTranslation();
  const html = useMemo(() => renderMarkdown(item.body ?? ''), [item.body]);
  return (
    <>
      {item.estimatedMinutes ? <Text c="dimmed">{t('learn.minutes', { count: item.estimatedMinutes })}</Text> : null}
      {item.videoUrl && (
        <Anchor href={item.videoUrl} target="_blank" rel="noopener noreferrer">
          {t('learn.watchVideo')}
        </Anchor>
      )}
      <Typography className="lesson-body">
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </Typography>
    </>
  );
}

function LessonView({ item, enrolmentId, done }: { item: LessonItem; enrolmentId: string; done: boolean }) {
  const { t } = useTranslation();
  const complete = useCompleteItem(enrolmentId);
  return (
    <Stack>
      <LessonContent item={item} />
      <ErrorAlert error={complete.error} />
      {done ? (
        <Text role="status">{t('learn.lessonDone')}</Text>
      ) : (
        <Button onClick={() => complete.mutate(item.id)} loading={complete.isPending} w="fit-content">
          {t('learn.markComplete')}
        </Button>
      )}
    </Stack>
  );
}

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
  attempt: QuizAttempt | undefined;
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

/** Attempts left after `used` attempts; null when the quiz allows any number. */
export function attemptsLeftAfter(maxAttempts: number | null, used: number): number | null {
  return maxAttempts == null ? null : Math.max(0, maxAttempts - used);
}

function QuizContainer({ item, enrolmentId, done }: { item: QuizItem; enrolmentId: string; done: boolean }) {
  const submit = useSubmitQuiz(enrolmentId, item.id);
  const attempts = useQuizAttempts(enrolmentId, item.id);
  if (attempts.isPending && !submit.data) return <Loading />;
  const previous = attempts.data ?? [];
  const last = previous.at(-1);
  // The newest result, fresh from submitting or from an earlier visit, with its feedback.
  const shown: QuizAttempt | undefined =
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

export function EventView({ item, done }: { item: EventItem; done: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack>
      <Text>
        <strong>{t('event.when')}:</strong> {formatDate(item.startsAt, i18n.language, true)}
        {item.endsAt ? ` – ${formatDate(item.endsAt, i18n.language, true)}` : ''}
      </Text>
      {item.location && (
        <Text>
          <strong>{t('event.where')}:</strong> {item.location}
        </Text>
      )}
      <Group>
        {item.joinUrl && (
          <Button component="a" href={item.joinUrl} target="_blank" rel="noopener noreferrer">
            {t('event.join')}
          </Button>
        )}
        <Button
          variant="outline"
          onClick={() =>
            downloadFile(
              `${item.key}.ics`,
              buildIcs({
                uid: item.id,
                title: item.title,
                startsAt: item.startsAt,
                endsAt: item.endsAt,
                location: item.location,
                url: item.joinUrl,
              }),
              'text/calendar',
            )
          }
        >
          {t('event.addToCalendar')}
        </Button>
      </Group>
      <Text c="dimmed">{done ? t('event.attended') : t('event.attendanceNote')}</Text>
    </Stack>
  );
}

function ItemView({
  item,
  enrolmentId,
  done,
  next,
}: {
  item: Item;
  enrolmentId: string;
  done: boolean;
  next: Item | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{item.title}</Title>
          <Group gap="xs">
            <Badge color="gray.8">{t(`kind.${item.kind}`)}</Badge>
            <DoneBadge done={done} />
          </Group>
        </Group>
        {item.kind === 'lesson' && <LessonView item={item} enrolmentId={enrolmentId} done={done} />}
        {item.kind === 'quiz' && <QuizContainer key={item.id} item={item} enrolmentId={enrolmentId} done={done} />}
        {item.kind === 'event' && <EventView item={item} done={done} />}
        {next && (
          <Group justify="flex-end">
            <Button component={Link} to={`?item=${next.id}`} variant={done ? 'filled' : 'subtle'}>
              {t('learn.next', { title: next.title })}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function LearnPage() {
  const { enrolmentId } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const enrolment = useEnrolment(enrolmentId);
  const module = useModuleVersion(enrolment.data?.module.slug, enrolment.data?.module.version);
  usePageTitle(module.data?.title);

  const pinned = params.get('item');
  const firstOpen =
    enrolment.data && module.data
      ? nextItemId(unitsForTrack(module.data, enrolment.data.track), completedItemIds(enrolment.data))
      : undefined;
  // Where "continue" lands is written into the URL, so completing the item does not move the page away.
  useEffect(() => {
    if (!pinned && firstOpen) setParams({ item: firstOpen }, { replace: true });
  }, [pinned, firstOpen, setParams]);

  if (enrolment.isPending || (enrolment.data && module.isPending)) return <Loading />;
  if (enrolment.error || module.error) return <ErrorAlert error={enrolment.error ?? module.error} />;
  const data = enrolment.data!;
  const mod = module.data!;
  const units = unitsForTrack(mod, data.track);
  const done = completedItemIds(data);
  const items = units.flatMap((unit) => unit.items);
  const selectedId = params.get('item') ?? nextItemId(units, done);
  const selectedIndex = items.findIndex((item) => item.id === selectedId);
  const selected = items[selectedIndex];

  return (
    <Stack>
      <Title order={1}>{mod.title}</Title>
      <RenewalNotice enrolment={data} />
      <Deadline enrolment={data} />
      <Stack gap={4}>
        <Progress value={data.progress.percent} size="lg" aria-label={t('module.progressLabel')} />
        <Text>
          {t('module.progressText', {
            done: data.progress.completedItems,
            total: data.progress.totalItems,
            percent: data.progress.percent,
          })}
        </Text>
      </Stack>
      {data.status === 'completed' && (
        <Alert color="teal" title={t('learn.moduleDone')} role="status">
          <Anchor component={Link} to="/certificates">
            {t('learn.seeCertificates')}
          </Anchor>
        </Alert>
      )}
      <RenewButton enrolment={data} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <nav aria-label={t('learn.unitsNav')}>
            <Stack gap="sm">
              {units.map((unit) => {
                const progress = unitProgress(unit, done);
                return (
                  <Paper withBorder p="xs" key={unit.id}>
                    <Text fw={700} component="p">
                      {unit.title}
                    </Text>
                    <Progress
                      value={progress.percent}
                      size="sm"
                      my={4}
                      aria-label={`${t('module.unitProgress', { title: unit.title })}: ${t('module.itemsDone', { done: progress.completed, total: progress.total })}`}
                    />
                    {unit.items.map((item) => (
                      <MantineNavLink
                        key={item.id}
                        component={Link}
                        to={`?item=${item.id}`}
                        active={item.id === selected?.id}
                        aria-current={item.id === selected?.id ? 'page' : undefined}
                        label={item.title}
                        description={`${t(`kind.${item.kind}`)} · ${done.has(item.id) ? t('learn.completed') : t('learn.notCompleted')}`}
                      />
                    ))}
                  </Paper>
                );
              })}
            </Stack>
          </nav>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected ? (
            <ItemView
              key={selected.id}
              item={selected}
              enrolmentId={data.id}
              done={done.has(selected.id)}
              next={items[selectedIndex + 1]}
            />
          ) : (
            <Text>{t('learn.nothing')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
