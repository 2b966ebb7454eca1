// Mantine's CSS for the lesson's text.
import '@mantine/core/styles/Typography.layer.css';
import { Anchor, Button, Stack, Text, Typography } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompleteItem } from '../../api/hooks';
import type { LessonItem } from '../../api/types';
import { ErrorAlert } from '../../components/State';
import { renderMarkdown } from '../../lib/markdown';

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

/** A lesson with its "mark complete" button. */
export function LessonView({ item, enrolmentId, done }: { item: LessonItem; enrolmentId: string; done: boolean }) {
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
