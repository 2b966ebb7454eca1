import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Overlay.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { Alert, Badge, Button, Group, List, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMember, useStaffAction } from '../../api/hooks';
import type { MemberEnrolment, MemberItem } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/State';
import { VerifiedBadge } from '../../components/VerifiedBadge';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

/** One member, whole, for staff: every item's state and how it was done, attempts, messages and staff actions. */
export function StaffMemberPage() {
  const { id } = useParams<{ id: string }>();
  const { t, i18n } = useTranslation();
  const member = useMember(id);
  usePageTitle(member.data?.user.name ?? t('program.member'));
  if (member.isPending) return <Loading />;
  if (!member.data) return <ErrorAlert error={member.error} />;
  const { user, enrolments, certificates, messages, audit, unsubscribedAt } = member.data;
  return (
    <Stack>
      <Title order={1}>{user.name}</Title>
      <Group gap="xs">
        <Text>
          {user.email} · {user.locale.toUpperCase()}
        </Text>
        <VerifiedBadge verified={user.emailVerified} />
      </Group>
      {unsubscribedAt && (
        <Alert color="yellow">{t('program.unsubscribed', { date: formatDate(unsubscribedAt, i18n.language) })}</Alert>
      )}
      {enrolments.map((enrolment) => (
        <EnrolmentPanel key={enrolment.id} memberId={user.id} enrolment={enrolment} />
      ))}
      <Section id="member-certificates" title={t('program.certificates')}>
        {certificates.length ? (
          <List>
            {certificates.map((c) => (
              <List.Item key={c.id}>
                <Link to={`/verify/${c.serial}`}>{c.serial}</Link> — {c.module.title} (
                {t(`certStatus.${c.status}`, { defaultValue: c.status })})
              </List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('program.none')}</Text>
        )}
      </Section>
      <Section id="member-messages" title={t('program.messages')}>
        {messages.length ? (
          <List>
            {messages.map((m, n) => (
              <List.Item key={n}>
                {m.subject} — {t(`program.messageKind.${m.kind}`, { defaultValue: m.kind })}
                {m.moduleSlug ? ` · ${m.moduleSlug}` : ''} ·{' '}
                {m.sentAt ? formatDate(m.sentAt, i18n.language) : t('program.messagePending')}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('program.none')}</Text>
        )}
      </Section>
      <Section id="member-audit" title={t('program.audit')}>
        {audit.length ? (
          <List>
            {audit.map((entry, n) => (
              <List.Item key={n}>
                {formatDate(entry.createdAt, i18n.language)} — {entry.action}
                {entry.reason ? `: ${entry.reason}` : ''}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('program.none')}</Text>
        )}
      </Section>
    </Stack>
  );
}

/** A titled part of the page that assistive technology lists as a landmark ("Messages sent"). */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title order={2} id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function EnrolmentPanel({ memberId, enrolment }: { memberId: string; enrolment: MemberEnrolment }) {
  const { t, i18n } = useTranslation();
  const action = useStaffAction(memberId);
  const [reason, setReason] = useState('');
  const [track, setTrack] = useState<string | null>(enrolment.track);
  const act = (path: string, body: Record<string, string> = {}) => action.mutate({ path, body: { ...body, reason } });
  const changeTrack = (event: FormEvent) => {
    event.preventDefault();
    if (track) act(`/api/enrolments/${enrolment.id}/track`, { track });
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={enrolment.module.title}>
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{enrolment.module.title}</Title>
          <Group gap="xs">
            {enrolment.renewalOf && <Badge color="blue.9">{t('renewal.badge')}</Badge>}
            {enrolment.current === false && <Badge color="gray.6">{t('renewal.renewed')}</Badge>}
            <Badge>{t(`status.${enrolment.status}`, { defaultValue: enrolment.status })}</Badge>
          </Group>
        </Group>
        <Text>
          {t('program.progressLine', {
            percent: enrolment.progress.percent,
            last: formatDate(enrolment.lastActivityAt, i18n.language),
            current: enrolment.currentItem?.title ?? '—',
          })}
        </Text>
        <TextInput
          label={t('program.reason')}
          description={t('program.reasonHelp')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <ErrorAlert error={action.error} />
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('program.item')}</Table.Th>
              <Table.Th scope="col">{t('program.state')}</Table.Th>
              <Table.Th scope="col">{t('program.how')}</Table.Th>
              <Table.Th scope="col">{t('program.attempts')}</Table.Th>
              <Table.Th scope="col">{t('program.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {enrolment.units.flatMap((unit) =>
              unit.items.map((item) => (
                <ItemRow
                  key={item.id}
                  item={item}
                  onComplete={() => act(`/api/enrolments/${enrolment.id}/items/${item.id}/staff-completion`)}
                  onExtraAttempt={() => act(`/api/enrolments/${enrolment.id}/quizzes/${item.id}/extra-attempts`)}
                  busy={action.isPending}
                />
              )),
            )}
          </Table.Tbody>
        </Table>
        {enrolment.tracks.length > 0 && enrolment.status !== 'completed' && (
          <Group component="form" onSubmit={changeTrack} align="flex-end">
            <Select
              label={t('program.track')}
              value={track}
              onChange={setTrack}
              data={enrolment.tracks.map((option) => ({ value: option.key, label: option.title }))}
            />
            <Button type="submit" variant="outline" loading={action.isPending}>
              {t('program.changeTrack')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function ItemRow(props: { item: MemberItem; onComplete: () => void; onExtraAttempt: () => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const { item } = props;
  return (
    <Table.Tr>
      <Table.Th scope="row">{item.title}</Table.Th>
      <Table.Td>{item.completed ? formatDate(item.completedAt, i18n.language) : t('program.notYet')}</Table.Td>
      <Table.Td>{item.source ? t(`program.source.${item.source}`) : ''}</Table.Td>
      <Table.Td>
        {(item.attempts ?? []).map((a) => `${a.number}: ${Math.round(a.score)} %`).join(' · ')}
        {item.extraAttempts?.length ? ` (+${item.extraAttempts.length})` : ''}
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          {!item.completed && (
            <Button size="xs" variant="outline" onClick={props.onComplete} disabled={props.busy}>
              {t('program.markComplete', { title: item.title })}
            </Button>
          )}
          {item.kind === 'quiz' && !item.completed && (
            <Button size="xs" variant="outline" onClick={props.onExtraAttempt} disabled={props.busy}>
              {t('program.extraAttempt', { title: item.title })}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
