import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useModules } from '../api/hooks';
import type { ModuleSummary } from '../api/types';
import { ErrorAlert, Loading } from '../components/State';
import { formatDate, formatNumber } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

export function ModuleCard({ module }: { module: ModuleSummary }) {
  const { t, i18n } = useTranslation();
  const headingId = `module-${module.slug}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="xs" h="100%">
        <Title order={2} size="h3" id={headingId}>
          {module.title}
        </Title>
        <Text>{module.summary}</Text>
        <Group gap="xs">
          <Badge color="gray.8">{t('catalog.units', { count: module.unitCount })}</Badge>
          {module.certificate?.enabled && module.certificate.cpdHours != null && (
            <Badge color="teal.9">
              {t('catalog.cpd', { hours: formatNumber(module.certificate.cpdHours, i18n.language) })}
            </Badge>
          )}
          {module.certificate?.enabled && (
            <Badge variant="outline" color="teal.9">
              {t('catalog.certificate')}
            </Badge>
          )}
        </Group>
        {module.tracks.length > 0 && (
          <Text size="sm">
            <strong>{t('catalog.tracks')}:</strong> {module.tracks.map((track) => track.title).join(' · ')}
          </Text>
        )}
        {(module.opensAt || module.closesAt) && (
          <Text size="sm">
            {module.opensAt && t('catalog.opens', { date: formatDate(module.opensAt, i18n.language) })}{' '}
            {module.closesAt && t('catalog.closes', { date: formatDate(module.closesAt, i18n.language) })}
          </Text>
        )}
        <Button
          component={Link}
          to={`/modules/${module.slug}`}
          mt="auto"
          w="fit-content"
          aria-label={t('catalog.openModule', { title: module.title })}
        >
          {t('catalog.open')}
        </Button>
      </Stack>
    </Card>
  );
}

export function CatalogPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog.title'));
  const modules = useModules();
  return (
    <Stack>
      <Title order={1}>{t('catalog.title')}</Title>
      <Text>{t('catalog.intro')}</Text>
      {modules.isPending && <Loading />}
      <ErrorAlert error={modules.error} />
      {modules.data?.length === 0 && <Text>{t('catalog.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {modules.data?.map((module) => (
          <ModuleCard key={module.id} module={module} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
