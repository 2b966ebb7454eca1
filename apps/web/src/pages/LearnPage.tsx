// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/Grid.layer.css';
import { Alert, Anchor, Grid, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useEnrolment, useModuleVersion } from '../api/hooks';
import { Deadline, RenewalNotice, RenewButton } from '../components/Renewal';
import { ErrorAlert, Loading } from '../components/State';
import { completedItemIds, nextItemId, unitsForTrack } from '../lib/progress';
import { usePageTitle } from '../lib/usePageTitle';
import { ItemView } from './learn/ItemView';
import { UnitsNav } from './learn/UnitsNav';

/**
 * A member's enrolment: the module's progress, the units of their track (learn/UnitsNav) and the selected
 * item (learn/ItemView: a lesson, a quiz with a field per question type, a live session).
 */
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
          <UnitsNav units={units} done={done} selectedId={selected?.id} />
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
