// Mantine's CSS for the reminder's texts.
import '@mantine/core/styles/Input.layer.css';
import {
  Alert,
  Button,
  Code,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendReminder } from '../../api/hooks';
import { ErrorAlert } from '../../components/State';

/**
 * A bilingual reminder to the members ticked in the table, or when none is, to those the filters select:
 * see the recipients first, then send.
 */
export function ReminderForm({
  slug,
  filter,
  selected,
  onClearSelection,
}: {
  slug: string;
  filter: { status?: string; track?: string; inactiveDays?: number };
  selected: { id: string; name: string }[];
  onClearSelection: () => void;
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
      filter: selected.length ? { memberIds: selected.map((member) => member.id) } : filter,
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
        {selected.length ? (
          <Group gap="xs">
            <Text size="sm" role="status">
              {t('program.toSelected', {
                count: selected.length,
                names: selected.map((member) => member.name).join(', '),
              })}
            </Text>
            <Button size="compact-sm" variant="subtle" onClick={onClearSelection}>
              {t('program.clearSelection')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('program.toFiltered')}</Text>
        )}
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
        {result && 'recipients' in result && (
          <List aria-label={t('program.recipients')}>
            {result.recipients.map((r) => (
              <List.Item key={r.id}>
                {r.name} &lt;{r.email}&gt; · {r.locale.toUpperCase()}
              </List.Item>
            ))}
          </List>
        )}
        {result && 'queued' in result && (
          <Alert color="green" role="status" title={t('program.queued', { count: result.queued })}>
            {result.skipped.length ? (
              <List size="sm" aria-label={t('program.skippedTitle')}>
                {result.skipped.map((s) => (
                  <List.Item key={s.email}>
                    {t(`program.skipped.${s.reason}`, { email: s.email, defaultValue: `${s.email}: ${s.reason}` })}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
