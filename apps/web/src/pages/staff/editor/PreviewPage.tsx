import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/CheckboxCard.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import '@mantine/core/styles/Grid.layer.css';
import '@mantine/core/styles/NavLink.layer.css';
import '@mantine/core/styles/RadioCard.layer.css';
import '@mantine/core/styles/RadioIndicator.layer.css';
import { Alert, Anchor, Badge, Grid, Group, NativeSelect, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { request } from '../../../api/client';
import type { Answer, Item, QuizItem } from '../../../api/types';
import { ErrorAlert, Loading } from '../../../components/State';
import { usePageTitle } from '../../../lib/usePageTitle';
import { EventView } from '../../learn/EventView';
import { LessonContent } from '../../learn/LessonView';
import { QuizView } from '../../learn/QuizView';

/** A quiz of the draft, answered and graded by the server against the draft; nothing is recorded. */
function PreviewQuiz({ slug, item }: { slug: string; item: QuizItem }) {
  const grade = useMutation({
    mutationFn: (answers: Record<string, Answer>) =>
      request('post', '/api/modules/{slug}/preview/quizzes/{itemId}/attempts', {
        params: { slug, itemId: item.id },
        body: { answers },
      }),
  });
  return (
    <QuizView
      key={grade.data ? `graded-${grade.submittedAt}` : 'fresh'}
      item={item}
      done={false}
      pending={grade.isPending}
      error={grade.error}
      attempt={grade.data ? { ...grade.data, answers: grade.variables, attemptsLeft: null } : undefined}
      onSubmit={(answers) => grade.mutate(answers)}
    />
  );
}

function PreviewItem({ slug, item }: { slug: string; item: Item }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{item.title}</Title>
          <Badge color="gray.8">{t(`kind.${item.kind}`)}</Badge>
        </Group>
        {item.kind === 'lesson' && <LessonContent item={item} />}
        {item.kind === 'quiz' && <PreviewQuiz slug={slug} item={item} />}
        {item.kind === 'event' && <EventView item={item} done={false} />}
      </Stack>
    </Paper>
  );
}

/** "Preview as a member": the saved draft in the learning view, per track, without enrolling anyone. */
export function PreviewPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [track, setTrack] = useState<string | null>(null);
  // The server's view of the draft for one track (every unit when the module has no tracks).
  const draft = useQuery({
    queryKey: ['authoring', slug, 'preview', i18n.language, track],
    queryFn: () =>
      request('get', '/api/modules/{slug}/preview', { params: { slug }, query: { track: track ?? undefined } }),
    staleTime: 0,
    retry: false,
  });
  const tracks = useQuery({
    queryKey: ['authoring', slug, 'preview-tracks', i18n.language],
    queryFn: () => request('get', '/api/modules/{slug}', { params: { slug }, query: { status: 'draft' } }),
  });
  usePageTitle(draft.data ? t('editor.previewPage.title', { title: draft.data.title }) : undefined);
  const firstTrack = tracks.data?.tracks[0]?.key ?? null;
  // A module with tracks is previewed one track at a time: the first until another is chosen.
  if (track === null && firstTrack) setTrack(firstTrack);
  if (tracks.isPending || draft.isPending || (track === null && firstTrack)) return <Loading />;
  if (tracks.error || draft.error) return <ErrorAlert error={tracks.error ?? draft.error} />;
  const module = draft.data!;
  const chosen = track;
  const units = module.units;
  const items = units.flatMap((unit) => unit.items);
  const selected = items.find((item) => item.id === params.get('item')) ?? items[0];
  return (
    <Stack>
      <Anchor component={Link} to={`/staff/modules/${encodeURIComponent(slug)}/edit`}>
        {t('editor.previewPage.back')}
      </Anchor>
      <Title order={1}>{t('editor.previewPage.title', { title: module.title })}</Title>
      <Alert color="blue" title={t('editor.previewPage.noticeTitle')}>
        {t('editor.previewPage.notice')}
      </Alert>
      {module.tracks.length > 0 && (
        <NativeSelect
          label={t('editor.previewPage.track')}
          value={chosen ?? ''}
          onChange={(event) => {
            setTrack(event.currentTarget.value);
            setParams({}, { replace: true });
          }}
          data={(tracks.data?.tracks ?? module.tracks).map((tr) => ({ value: tr.key, label: tr.title }))}
          w={{ base: '100%', sm: 360 }}
        />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <nav aria-label={t('learn.unitsNav')}>
            <Stack gap="sm">
              {units.map((unit) => (
                <Paper withBorder p="xs" key={unit.id}>
                  <Text fw={700} component="p">
                    {unit.title}
                  </Text>
                  {unit.items.map((item) => (
                    <NavLink
                      key={item.id}
                      component={Link}
                      to={`?item=${item.id}`}
                      active={item.id === selected?.id}
                      aria-current={item.id === selected?.id ? 'page' : undefined}
                      label={item.title}
                      description={t(`kind.${item.kind}`)}
                    />
                  ))}
                </Paper>
              ))}
            </Stack>
          </nav>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected ? (
            <PreviewItem key={`${chosen}-${selected.id}`} slug={slug} item={selected} />
          ) : (
            <Text>{t('learn.nothing')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
