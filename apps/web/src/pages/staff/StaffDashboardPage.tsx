// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/charts/styles.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCompletionsByMonth, useModuleReports } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../components/State';
import { percent } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

export function StaffDashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('staff.dashboard'));
  const reports = useModuleReports();
  const rows = reports.data ?? [];
  const completions = useCompletionsByMonth();
  // Nothing to draw before the first completion of the program.
  const months = (completions.data ?? []).some((m) => m.completions > 0)
    ? (completions.data ?? []).map((m) => ({ month: m.month, [t('staff.completions')]: m.completions }))
    : [];
  const chartData = rows.map((row) => ({
    module: row.title,
    [t('staff.enrolled')]: row.enrolled,
    [t('staff.inProgress')]: row.inProgress,
    [t('staff.completed')]: row.completed,
  }));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('staff.dashboard')}</Title>
        <Group gap="sm">
          <Button component={Link} to="/staff/content" variant="outline">
            {t('staff.content')}
          </Button>
          <Button component={Link} to="/staff/users" variant="outline">
            {t('users.title')}
          </Button>
        </Group>
      </Group>
      {reports.isPending && <Loading />}
      <ErrorAlert error={reports.error} />
      {rows.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="sm" id="dashboard-chart-title">
            {t('staff.chartTitle')}
          </Title>
          <figure aria-labelledby="dashboard-chart-title" style={{ margin: 0 }}>
            <BarChart
              h={300}
              data={chartData}
              dataKey="module"
              withLegend
              series={[
                { name: t('staff.enrolled'), color: 'gray.7' },
                { name: t('staff.inProgress'), color: 'orange.8' },
                { name: t('staff.completed'), color: 'teal.9' },
              ]}
            />
            <figcaption>
              <Text size="sm" c="dimmed">
                {t('staff.chartCaption')}
              </Text>
            </figcaption>
          </figure>
        </Paper>
      )}
      {months.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="sm" id="completions-chart-title">
            {t('staff.overTime')}
          </Title>
          <figure aria-labelledby="completions-chart-title" style={{ margin: 0 }}>
            <LineChart
              h={240}
              data={months}
              dataKey="month"
              series={[{ name: t('staff.completions'), color: 'teal.9' }]}
              curveType="linear"
            />
            <figcaption>
              <Text size="sm" c="dimmed">
                {months.map((m) => `${m.month}: ${m[t('staff.completions')]}`).join(' · ')}
              </Text>
            </figcaption>
          </figure>
        </Paper>
      )}
      <ErrorAlert error={completions.error} />
      <Title order={2}>{t('staff.modules')}</Title>
      {reports.data && rows.length === 0 && <Text>{t('staff.noModules')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.module')}</Table.Th>
                <Table.Th scope="col">{t('staff.enrolled')}</Table.Th>
                <Table.Th scope="col">{t('staff.inProgress')}</Table.Th>
                <Table.Th scope="col">{t('staff.completed')}</Table.Th>
                <Table.Th scope="col">{t('staff.completionRate')}</Table.Th>
                <Table.Th scope="col">{t('renewal.renewals')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.slug}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/staff/modules/${row.slug}`}>
                      {row.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{row.enrolled}</Table.Td>
                  <Table.Td>{row.inProgress}</Table.Td>
                  <Table.Td>{row.completed}</Table.Td>
                  <Table.Td>{percent(row.completionRate)} %</Table.Td>
                  <Table.Td>{row.renewals ?? 0}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
