// Mantine's CSS for the funnel chart and the quiz table.
import '@mantine/charts/styles.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { BarChart } from '@mantine/charts';
import { List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MissedQuestion, ModuleDetail, ModuleReport } from '../../api/types';
import { formatNumber, percent } from '../../lib/format';

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed" component="p">
        {label}
      </Text>
      <Text fz="xl" fw={700} component="p">
        {value}
      </Text>
    </Paper>
  );
}

function missedLabel(question: MissedQuestion): string {
  return question.prompt ?? question.key ?? question.questionId ?? '';
}

/** The module report: counters, the funnel by unit, each quiz's pass rate and the most-missed questions. */
export function ReportSection({ report, module }: { report: ModuleReport; module: ModuleDetail | undefined }) {
  const { t, i18n } = useTranslation();
  const quizTitle = (key: string) =>
    module?.units.flatMap((unit) => unit.items).find((item) => item.key === key)?.title ?? key;
  // The overall list already ranks every quiz's questions together; each quiz's own list repeats them.
  const missed = report.mostMissed ?? [];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Stat label={t('staff.enrolled')} value={report.enrolled} />
        <Stat label={t('staff.inProgress')} value={report.inProgress} />
        <Stat label={t('staff.completed')} value={report.completed} />
        <Stat label={t('staff.completionRate')} value={`${percent(report.completionRate)} %`} />
        {report.renewals != null && <Stat label={t('renewal.renewals')} value={report.renewals} />}
        <Stat
          label={t('staff.medianDays')}
          value={report.medianDaysToComplete == null ? '—' : formatNumber(report.medianDaysToComplete, i18n.language)}
        />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm" id="funnel-title">
          {t('staff.funnel')}
        </Title>
        <figure aria-labelledby="funnel-title" style={{ margin: 0 }}>
          <BarChart
            h={260}
            data={report.units.map((unit) => ({ unit: unit.title, [t('staff.completed')]: unit.completed }))}
            dataKey="unit"
            series={[{ name: t('staff.completed'), color: 'teal.9' }]}
          />
          <figcaption>
            <Text size="sm" c="dimmed">
              {report.units.map((unit) => `${unit.title}: ${unit.completed}`).join(' · ')}
            </Text>
          </figcaption>
        </figure>
      </Paper>
      <Title order={2} size="h3">
        {t('staff.quizzes')}
      </Title>
      {report.quizzes.length === 0 ? (
        <Text>{t('staff.noQuizzes')}</Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.quiz')}</Table.Th>
              <Table.Th scope="col">{t('staff.attempts')}</Table.Th>
              <Table.Th scope="col">{t('staff.passRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.quizzes.map((quiz) => (
              <Table.Tr key={quiz.itemKey}>
                <Table.Th scope="row">{quiz.title ?? quizTitle(quiz.itemKey)}</Table.Th>
                <Table.Td>{quiz.attempts}</Table.Td>
                <Table.Td>{percent(quiz.passRate)} %</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2} size="h3">
        {t('staff.mostMissed')}
      </Title>
      {missed.length === 0 ? (
        <Text>{t('staff.noMissed')}</Text>
      ) : (
        <List type="ordered">
          {missed.map((question, index) => (
            <List.Item key={`${missedLabel(question)}-${index}`}>
              {missedLabel(question)}
              {question.missRate != null && ` — ${percent(question.missRate)} %`}
              {question.missed != null && ` — ${t('staff.missedCount', { count: question.missed })}`}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
