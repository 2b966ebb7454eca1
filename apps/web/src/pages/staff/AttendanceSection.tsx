// Mantine's CSS for the event select and the addresses.
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import { Alert, Button, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordAttendance } from '../../api/hooks';
import type { ModuleDetail } from '../../api/types';
import { EmailsField } from '../../components/EmailsField';
import { ErrorAlert } from '../../components/State';
import { formatDate, parseEmails } from '../../lib/format';

/** Attendance of a live session, recorded from a pasted list of addresses. */
export function AttendanceSection({ slug, module }: { slug: string; module: ModuleDetail | undefined }) {
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
