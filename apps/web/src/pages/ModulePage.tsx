import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/RadioCard.layer.css';
import '@mantine/core/styles/RadioIndicator.layer.css';
import { Alert, Badge, Button, Group, List, Paper, Progress, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useEnrol, useModule, useModules, useMyEnrolments } from '../api/hooks';
import { useMe } from '../api/session';
import { Deadline, RenewalNotice, RenewButton } from '../components/Renewal';
import { ErrorAlert, Loading } from '../components/State';
import { formatDate, formatNumber } from '../lib/format';
import { completedItemIds, unitProgress, unitsForTrack } from '../lib/progress';
import { usePageTitle } from '../lib/usePageTitle';

export function ModulePage() {
  const { slug } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const module = useModule(slug);
  const summary = useModules().data?.find((m) => m.slug === slug);
  const { data: me } = useMe();
  const enrolments = useMyEnrolments(Boolean(me));
  // The current one: a renewed enrolment stays in the list as history.
  const enrolment = enrolments.data?.find((e) => e.module.slug === slug && e.current !== false);
  const enrol = useEnrol(slug ?? '');
  const [track, setTrack] = useState<string | null>(null);
  const [trackMissing, setTrackMissing] = useState(false);
  usePageTitle(module.data?.title);

  if (module.isPending) return <Loading />;
  if (module.error) return <ErrorAlert error={module.error} />;
  const data = module.data;
  const hasTracks = data.tracks.length > 0;
  const shownTrack = enrolment?.track ?? track;
  const units = unitsForTrack(data, shownTrack);
  const done = completedItemIds(enrolment);

  const onEnrol = () => {
    if (hasTracks && !track) {
      setTrackMissing(true);
      return;
    }
    enrol.mutate(track, { onSuccess: (created) => navigate(`/learn/${created.id}`) });
  };

  return (
    <Stack>
      <Title order={1}>{data.title}</Title>
      <Text>{data.summary}</Text>
      <Group gap="xs">
        <Badge color="gray.8">{t('catalog.units', { count: data.units.length })}</Badge>
        {summary?.certificate?.enabled && summary.certificate.cpdHours != null && (
          <Badge color="teal.9">
            {t('catalog.cpd', { hours: formatNumber(summary.certificate.cpdHours, i18n.language) })}
          </Badge>
        )}
        {summary?.opensAt && (
          <Text size="sm">{t('catalog.opens', { date: formatDate(summary.opensAt, i18n.language) })}</Text>
        )}
        {summary?.closesAt && (
          <Text size="sm">{t('catalog.closes', { date: formatDate(summary.closesAt, i18n.language) })}</Text>
        )}
      </Group>

      <Paper withBorder p="md">
        {enrolment ? (
          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('module.yourProgress')}
            </Title>
            <Progress value={enrolment.progress.percent} aria-label={t('module.progressLabel')} size="lg" />
            <Text>
              {t('module.progressText', {
                done: enrolment.progress.completedItems,
                total: enrolment.progress.totalItems,
                percent: enrolment.progress.percent,
              })}
            </Text>
            <RenewalNotice enrolment={enrolment} />
            <Deadline enrolment={enrolment} />
            <Button component={Link} to={`/learn/${enrolment.id}`} w="fit-content">
              {enrolment.status === 'completed' ? t('module.review') : t('module.continue')}
            </Button>
            <RenewButton enrolment={enrolment} />
          </Stack>
        ) : me ? (
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('module.enrolTitle')}
            </Title>
            {me.emailVerified === false && (
              <Alert color="blue" role="status" title={t('module.confirmEmailTitle')}>
                {t('module.confirmEmail', { email: me.email })}
              </Alert>
            )}
            {hasTracks && (
              <Radio.Group
                label={t('module.chooseTrack')}
                required
                value={track}
                onChange={(value) => {
                  setTrack(value);
                  setTrackMissing(false);
                }}
                error={trackMissing ? t('module.trackRequired') : undefined}
              >
                <Stack gap="xs" mt="xs">
                  {data.tracks.map((option) => (
                    <Radio key={option.key} value={option.key} label={option.title} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            <ErrorAlert error={enrol.error} />
            <Button onClick={onEnrol} loading={enrol.isPending} w="fit-content">
              {t('module.enrol')}
            </Button>
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text>{t('module.signInToEnrol')}</Text>
            <Button component={Link} to={`/login?next=/modules/${data.slug}`} w="fit-content">
              {t('nav.signIn')}
            </Button>
          </Stack>
        )}
      </Paper>

      <Title order={2}>{t('module.units')}</Title>
      {hasTracks && !shownTrack && <Alert color="gray">{t('module.unitsAllTracks')}</Alert>}
      <List type="ordered" spacing="md" listStyleType="none" p={0}>
        {units.map((unit) => {
          const progress = unitProgress(unit, done);
          return (
            <List.Item key={unit.id}>
              <Paper withBorder p="md">
                <Title order={3} size="h4">
                  {unit.title}
                </Title>
                {unit.tracks.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('module.forTracks', {
                      tracks: unit.tracks
                        .map((key) => data.tracks.find((tr) => tr.key === key)?.title ?? key)
                        .join(', '),
                    })}
                  </Text>
                )}
                <Text size="sm">
                  {unit.items.map((item) => `${item.title} (${t(`kind.${item.kind}`)})`).join(' · ')}
                </Text>
                {enrolment && (
                  <Progress
                    mt="xs"
                    value={progress.percent}
                    aria-label={`${t('module.unitProgress', { title: unit.title })}: ${t('module.itemsDone', { done: progress.completed, total: progress.total })}`}
                  />
                )}
              </Paper>
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}
