// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Overlay.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/charts/styles.layer.css';
import '@mantine/core/styles/NumberInput.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { buildUrl } from '../../api/client';
import {
  useModule,
  useModuleCertificates,
  useModuleMembers,
  useModuleReport,
  useRecordAttendance,
  useReissueCertificate,
  useRevokeCertificate,
  useSendReminder,
} from '../../api/hooks';
import type { Certificate, MissedQuestion, ModuleDetail, ModuleReport } from '../../api/types';
import { Pager } from '../../components/Pager';
import { InvitationsSection } from './InvitationsSection';
import { EmailsField } from '../../components/EmailsField';
import { ErrorAlert, Loading } from '../../components/State';
import { formatDate, formatNumber, parseEmails, percent } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

const PAGE_SIZE_FALLBACK = 50;

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

function MembersSection({ slug, module }: { slug: string; module: ModuleDetail | undefined }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [track, setTrack] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [inactiveDays, setInactiveDays] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  // Searched on the server (across every page), once typing pauses.
  const [query] = useDebouncedValue(search.trim() || undefined, 300);
  const filter = { status: status ?? undefined, track: track ?? undefined, inactiveDays };
  const members = useModuleMembers(slug, { ...filter, query, page });
  const data = members.data;
  const pageSize = data?.pageSize ?? PAGE_SIZE_FALLBACK;
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / pageSize));
  const rows = data?.items ?? [];
  const csvUrl = buildUrl(`/api/reports/modules/${encodeURIComponent(slug)}/members`, {
    format: 'csv',
    status: status ?? undefined,
    track: track ?? undefined,
    query,
    inactiveDays,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('staff.members')}</Title>
        <Button component="a" href={csvUrl} download={`${slug}-members.csv`} variant="outline">
          {t('staff.exportCsv')}
        </Button>
      </Group>
      <Group align="flex-end" role="search" aria-label={t('staff.memberFilters')}>
        <TextInput
          label={t('staff.search')}
          description={t('staff.searchHelp')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          label={t('staff.status')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          data={[
            { value: 'in_progress', label: t('status.in_progress') },
            { value: 'completed', label: t('status.completed') },
          ]}
          placeholder={t('staff.any')}
        />
        {module && module.tracks.length > 0 && (
          <Select
            label={t('staff.track')}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            value={track}
            onChange={(value) => {
              setTrack(value);
              setPage(1);
            }}
            data={module.tracks.map((option) => ({ value: option.key, label: option.title }))}
            placeholder={t('staff.any')}
          />
        )}
        <NumberInput
          label={t('program.inactiveDays')}
          min={0}
          max={3650}
          value={inactiveDays ?? ''}
          onChange={(value) => {
            setInactiveDays(typeof value === 'number' ? value : undefined);
            setPage(1);
          }}
        />
      </Group>
      <ErrorAlert error={members.error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped withTableBorder aria-busy={members.isFetching}>
            <Table.Caption>{t('staff.membersCaption', { count: data?.total ?? 0 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.name')}</Table.Th>
                <Table.Th scope="col">{t('auth.email')}</Table.Th>
                <Table.Th scope="col">{t('staff.track')}</Table.Th>
                <Table.Th scope="col">{t('staff.status')}</Table.Th>
                <Table.Th scope="col">{t('staff.progress')}</Table.Th>
                <Table.Th scope="col">{t('staff.enrolledAt')}</Table.Th>
                <Table.Th scope="col">{t('staff.completedAt')}</Table.Th>
                <Table.Th scope="col">{t('certificates.serial')}</Table.Th>
                <Table.Th scope="col">{t('program.lastActivity')}</Table.Th>
                <Table.Th scope="col">{t('program.currentItem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.email}>
                  <Table.Th scope="row">
                    {row.memberId ? <Link to={`/staff/members/${row.memberId}`}>{row.name}</Link> : row.name}
                  </Table.Th>
                  <Table.Td>{row.email}</Table.Td>
                  <Table.Td>{module?.tracks.find((tr) => tr.key === row.track)?.title ?? row.track ?? ''}</Table.Td>
                  <Table.Td>{t(`status.${row.status}`, { defaultValue: row.status })}</Table.Td>
                  <Table.Td>{Math.round(row.percent)} %</Table.Td>
                  <Table.Td>{formatDate(row.enrolledAt, i18n.language)}</Table.Td>
                  <Table.Td>{formatDate(row.completedAt, i18n.language)}</Table.Td>
                  <Table.Td>{row.certificateSerial ?? ''}</Table.Td>
                  <Table.Td>{formatDate(row.lastActivityAt ?? null, i18n.language)}</Table.Td>
                  <Table.Td>{row.currentItem?.title ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} page={page} onChange={setPage} />
      <ReminderForm slug={slug} filter={filter} />
    </Stack>
  );
}

/** A bilingual reminder to the members the filter above selects: see the recipients first, then send. */
function ReminderForm({
  slug,
  filter,
}: {
  slug: string;
  filter: { status?: string; track?: string; inactiveDays?: number };
}) {
  const { t } = useTranslation();
  const send = useSendReminder(slug);
  const [text, setText] = useState({ subjectEn: '', subjectFr: '', bodyEn: '', bodyFr: '' });
  const field = (key: keyof typeof text) => ({
    value: text[key],
    onChange: (event: { currentTarget: { value: string } }) => setText({ ...text, [key]: event.currentTarget.value }),
  });
  const request = (dryRun: boolean) =>
    send.mutate({
      filter,
      subject: { en: text.subjectEn, fr: text.subjectFr },
      body: { en: text.bodyEn, fr: text.bodyFr },
      dryRun,
    });
  const result = send.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reminder-title">
      <Stack>
        <Title order={2} id="reminder-title">
          {t('program.reminder')}
        </Title>
        <Text size="sm">
          {t('program.reminderHelp')} <Code>{'{{name}} {{module}} {{link}} {{percent}}'}</Code>
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('program.subjectEn')} {...field('subjectEn')} />
          <TextInput label={t('program.subjectFr')} {...field('subjectFr')} />
          <Textarea label={t('program.bodyEn')} autosize minRows={3} {...field('bodyEn')} />
          <Textarea label={t('program.bodyFr')} autosize minRows={3} {...field('bodyFr')} />
        </SimpleGrid>
        <Group>
          <Button variant="outline" onClick={() => request(true)} loading={send.isPending}>
            {t('program.preview')}
          </Button>
          <Button onClick={() => request(false)} loading={send.isPending}>
            {t('program.send')}
          </Button>
        </Group>
        <ErrorAlert error={send.error} />
        {result?.recipients && (
          <List aria-label={t('program.recipients')}>
            {result.recipients.map((r) => (
              <List.Item key={r.id}>
                {r.name} &lt;{r.email}&gt; · {r.locale.toUpperCase()}
              </List.Item>
            ))}
          </List>
        )}
        {result?.queued !== undefined && (
          <Alert color="green">
            {t('program.queued', { count: result.queued })}
            {result.skipped?.map((s) => ` ${s.email}: ${s.reason}.`).join('')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function AttendanceSection({ slug, module }: { slug: string; module: ModuleDetail | undefined }) {
  const { t, i18n } = useTranslation();
  const events = (module?.units ?? []).flatMap((unit) => unit.items).filter((item) => item.kind === 'event');
  const [itemId, setItemId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const record = useRecordAttendance(slug);
  if (!module) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const emails = parseEmails(text);
    if (!itemId) return setInvalid('event');
    if (!emails.length) return setInvalid('emails');
    setInvalid(null);
    record.mutate({ itemId, emails });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="attendance-title">
        <Stack>
          <Title order={2} size="h3" id="attendance-title">
            {t('staff.attendance')}
          </Title>
          {events.length === 0 ? (
            <Text>{t('staff.noEvents')}</Text>
          ) : (
            <>
              <Select
                label={t('staff.event')}
                required
                value={itemId}
                onChange={setItemId}
                error={invalid === 'event' ? t('staff.chooseEvent') : undefined}
                data={events.map((item) => ({
                  value: item.id,
                  label: `${item.title} — ${formatDate(item.kind === 'event' ? item.startsAt : null, i18n.language)}`,
                }))}
              />
              <EmailsField label={t('staff.emails')} value={text} onChange={setText} missing={invalid === 'emails'} />
              <ErrorAlert error={record.error} />
              {record.data && (
                <Alert
                  color={record.data.unknown.length || record.data.unverified?.length ? 'orange' : 'teal'}
                  role="status"
                  title={t('staff.recorded', { count: record.data.recorded })}
                >
                  <EmailList label={t('staff.unknownEmails')} emails={record.data.unknown} />
                  <EmailList label={t('staff.unverifiedEmails')} emails={record.data.unverified ?? []} />
                </Alert>
              )}
              <Button type="submit" loading={record.isPending} w="fit-content">
                {t('staff.recordAttendance')}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function CertificateRow({ certificate }: { certificate: Certificate }) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeCertificate();
  const reissue = useReissueCertificate();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <Anchor component={Link} to={`/verify/${certificate.serial}`}>
          <Code>{certificate.serial}</Code>
        </Anchor>
      </Table.Th>
      <Table.Td>{certificate.holderName}</Table.Td>
      <Table.Td>
        <Badge color={certificate.status === 'issued' ? 'teal.9' : 'red.9'}>
          {t(`certStatus.${certificate.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDate(certificate.issuedAt, i18n.language)}</Table.Td>
      <Table.Td>
        {certificate.validUntil ? formatDate(certificate.validUntil, i18n.language) : t('staff.neverExpires')}
        {certificate.expired && certificate.status === 'issued' && (
          <Badge ml="xs" color="orange.9">
            {t('staff.expired')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {certificate.status === 'issued' && (
          <Stack gap="xs">
            {confirming ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (reason.trim()) revoke.mutate({ id: certificate.id, reason: reason.trim() });
                }}
              >
                <Group align="flex-end" gap="xs">
                  <TextInput
                    size="xs"
                    label={t('staff.revokeReason', { serial: certificate.serial })}
                    required
                    value={reason}
                    onChange={(event) => setReason(event.currentTarget.value)}
                  />
                  <Button size="xs" color="red.9" type="submit" loading={revoke.isPending} disabled={!reason.trim()}>
                    {t('staff.confirmRevoke')}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => setConfirming(false)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </form>
            ) : (
              <Group gap="xs">
                <Button size="xs" variant="outline" color="red.9" onClick={() => setConfirming(true)}>
                  {t('staff.revoke')}
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  loading={reissue.isPending}
                  onClick={() => reissue.mutate(certificate.id)}
                  aria-label={t('staff.reissueFor', { serial: certificate.serial })}
                >
                  {t('staff.reissue')}
                </Button>
              </Group>
            )}
            <ErrorAlert error={revoke.error ?? reissue.error} />
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function CertificatesSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [expiringWithinDays, setExpiringWithinDays] = useState<number | undefined>();
  const [debouncedDays] = useDebouncedValue(expiringWithinDays, 300);
  const certificates = useModuleCertificates(slug, debouncedDays);
  return (
    <Stack>
      <Title order={2}>{t('staff.certificates')}</Title>
      <Button
        component="a"
        href={buildUrl(`/api/modules/${encodeURIComponent(slug)}/certificates.zip`, { status: 'issued' })}
        download={`${slug}-certificates-issued.zip`}
        variant="outline"
        w="fit-content"
      >
        {t('staff.downloadZip')}
      </Button>
      <NumberInput
        maw={320}
        label={t('staff.expiringWithinDays')}
        description={t('staff.expiringWithinDaysHelp')}
        min={0}
        max={3660}
        value={expiringWithinDays ?? ''}
        onChange={(value) => setExpiringWithinDays(typeof value === 'number' ? value : undefined)}
      />
      <ErrorAlert error={certificates.error} />
      {certificates.isPending ? (
        <Loading />
      ) : certificates.data?.items.length ? (
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('certificates.serial')}</Table.Th>
                <Table.Th scope="col">{t('certificates.holder')}</Table.Th>
                <Table.Th scope="col">{t('staff.status')}</Table.Th>
                <Table.Th scope="col">{t('certificates.issued')}</Table.Th>
                <Table.Th scope="col">{t('certificates.validUntil')}</Table.Th>
                <Table.Th scope="col">{t('staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.data.items.map((certificate) => (
                <CertificateRow key={certificate.id} certificate={certificate} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text>{t('staff.noCertificates')}</Text>
      )}
    </Stack>
  );
}

export function StaffModulePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const report = useModuleReport(slug);
  const module = useModule(slug);
  const title = module.data?.title ?? report.data?.title ?? slug;
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/staff">
        {t('staff.backToDashboard')}
      </Anchor>
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      <ErrorAlert error={report.error} />
      {report.data && <ReportSection report={report.data} module={module.data} />}
      <MembersSection slug={slug} module={module.data} />
      <InvitationsSection slug={slug} module={module.data} />
      <AttendanceSection slug={slug} module={module.data} />
      <CertificatesSection slug={slug} />
    </Stack>
  );
}

function EmailList({ label, emails }: { label: string; emails: string[] }) {
  if (!emails.length) return null;
  return (
    <>
      {label}
      <List>
        {emails.map((email) => (
          <List.Item key={email}>{email}</List.Item>
        ))}
      </List>
    </>
  );
}
