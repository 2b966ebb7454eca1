import { Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyEnrolments } from '../api/hooks';
import { Deadline, RenewButton } from '../components/Renewal';
import { ErrorAlert, Loading } from '../components/State';
import { formatDate } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

export function MyLearningPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('learning.title'));
  const enrolments = useMyEnrolments();
  return (
    <Stack>
      <Title order={1}>{t('learning.title')}</Title>
      {enrolments.isPending && <Loading />}
      <ErrorAlert error={enrolments.error} />
      {enrolments.data?.length === 0 && (
        <Stack gap="xs">
          <Text>{t('learning.empty')}</Text>
          <Button component={Link} to="/" w="fit-content">
            {t('nav.catalog')}
          </Button>
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {enrolments.data?.map((enrolment) => (
          <Card withBorder key={enrolment.id} component="article" aria-labelledby={`enrolment-${enrolment.id}`}>
            <Stack gap="xs">
              <Title order={2} size="h3" id={`enrolment-${enrolment.id}`}>
                {enrolment.module.title}
              </Title>
              <Group gap="xs">
                <Badge color={enrolment.status === 'completed' ? 'teal.9' : 'gray.8'}>
                  {t(`status.${enrolment.status}`)}
                </Badge>
                {enrolment.renewalOf && <Badge color="blue.9">{t('renewal.badge')}</Badge>}
                {enrolment.current === false && <Badge color="gray.6">{t('renewal.renewed')}</Badge>}
                <Text size="sm">
                  {t('learning.enrolledOn', { date: formatDate(enrolment.enrolledAt, i18n.language) })}
                </Text>
              </Group>
              <Progress
                value={enrolment.progress.percent}
                aria-label={t('learning.progressOf', { title: enrolment.module.title })}
              />
              <Text size="sm">
                {t('module.progressText', {
                  done: enrolment.progress.completedItems,
                  total: enrolment.progress.totalItems,
                  percent: enrolment.progress.percent,
                })}
              </Text>
              <Deadline enrolment={enrolment} />
              <Button component={Link} to={`/learn/${enrolment.id}`} w="fit-content">
                {enrolment.status === 'completed' ? t('module.review') : t('module.continue')}
              </Button>
              <RenewButton enrolment={enrolment} />
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
