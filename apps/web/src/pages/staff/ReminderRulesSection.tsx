// Mantine's CSS for the rule fields.
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import '@mantine/core/styles/Fieldset.layer.css';
import '@mantine/core/styles/NumberInput.layer.css';
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReminderRules, useSaveReminderRules } from '../../api/hooks';
import type { ReminderRule } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/State';

const KINDS: ReminderRule['kind'][] = ['inactive', 'before-close', 'before-event', 'before-expiry'];

/** A key the server keeps per rule (each member is reminded once per rule and occasion): made once, never edited. */
const newKey = (kind: string) => `${kind}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * The module's reminder rules, which go out on their own: edited here as a list and saved together
 * (PUT /api/modules/:slug/reminder-rules). A rule's key stays as it was, so editing its text or its days
 * does not remind anyone a second time for the same occasion.
 */
export function ReminderRulesSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const rules = useReminderRules(slug);
  const save = useSaveReminderRules(slug);
  const [draft, setDraft] = useState<ReminderRule[] | null>(null);
  useEffect(() => {
    if (rules.data && draft === null) setDraft(rules.data);
  }, [rules.data, draft]);
  const edit = (index: number, change: Partial<ReminderRule>) => {
    save.reset();
    setDraft((current) => current && current.map((rule, n) => (n === index ? { ...rule, ...change } : rule)));
  };
  const add = () => {
    save.reset();
    setDraft((current) => [
      ...(current ?? []),
      {
        key: newKey('inactive'),
        kind: 'inactive',
        days: 14,
        subject: { en: '', fr: '' },
        body: { en: '', fr: '' },
        enabled: true,
      },
    ]);
  };
  const remove = (index: number) => {
    save.reset();
    setDraft((current) => current && current.filter((_, n) => n !== index));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft) save.mutate(draft, { onSuccess: setDraft });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="rules-title">
        <Stack>
          <Title order={2} size="h3" id="rules-title">
            {t('rules.title')}
          </Title>
          <Text size="sm">
            {t('rules.intro')} <Code>{'{{name}} {{module}} {{link}} {{percent}}'}</Code>
          </Text>
          <ErrorAlert error={rules.error} />
          {draft === null ? (
            rules.isPending && <Loading />
          ) : (
            <>
              {draft.length === 0 && <Text>{t('rules.none')}</Text>}
              {draft.map((rule, index) => (
                <Fieldset
                  key={rule.key}
                  legend={t('rules.legend', { n: index + 1, kind: t(`rules.kind.${rule.kind}`) })}
                >
                  <Stack gap="sm">
                    <Group align="flex-end">
                      <NativeSelect
                        label={t('rules.when')}
                        value={rule.kind}
                        onChange={(event) => edit(index, { kind: event.currentTarget.value as ReminderRule['kind'] })}
                        data={KINDS.map((kind) => ({ value: kind, label: t(`rules.kind.${kind}`) }))}
                      />
                      <NumberInput
                        label={t('rules.days')}
                        min={0}
                        max={3650}
                        w={140}
                        value={rule.days}
                        onChange={(value) => edit(index, { days: Number(value) || 0 })}
                      />
                      <Checkbox
                        label={t('rules.enabled')}
                        checked={rule.enabled}
                        onChange={(event) => edit(index, { enabled: event.currentTarget.checked })}
                        mb={8}
                      />
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                      <TextInput
                        label={t('program.subjectEn')}
                        value={rule.subject.en}
                        onChange={(event) =>
                          edit(index, { subject: { ...rule.subject, en: event.currentTarget.value } })
                        }
                      />
                      <TextInput
                        label={t('program.subjectFr')}
                        value={rule.subject.fr}
                        onChange={(event) =>
                          edit(index, { subject: { ...rule.subject, fr: event.currentTarget.value } })
                        }
                      />
                      <Textarea
                        label={t('program.bodyEn')}
                        autosize
                        minRows={2}
                        value={rule.body.en}
                        onChange={(event) => edit(index, { body: { ...rule.body, en: event.currentTarget.value } })}
                      />
                      <Textarea
                        label={t('program.bodyFr')}
                        autosize
                        minRows={2}
                        value={rule.body.fr}
                        onChange={(event) => edit(index, { body: { ...rule.body, fr: event.currentTarget.value } })}
                      />
                    </SimpleGrid>
                    <Button
                      variant="outline"
                      size="xs"
                      color="red.9"
                      w="fit-content"
                      onClick={() => remove(index)}
                      aria-label={t('rules.removeLabel', { n: index + 1 })}
                    >
                      {t('rules.remove')}
                    </Button>
                  </Stack>
                </Fieldset>
              ))}
              <ErrorAlert error={save.error} title={t('rules.saveFailed')} />
              {save.isSuccess && (
                <Alert color="teal" role="status">
                  {t('rules.saved', { count: draft.length })}
                </Alert>
              )}
              <Group>
                <Button variant="outline" onClick={add}>
                  {t('rules.add')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('rules.save')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
