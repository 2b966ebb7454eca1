// Mantine's CSS for native selects.
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import { NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldProps } from './field-props';
import { label } from './PromptText';

/** One select per left-hand item; every right-hand choice is offered to each. */
export function MatchingField(props: FieldProps) {
  const { t } = useTranslation();
  const { question, value, onChange, error, locked } = props;
  const pairs = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const promptId = `prompt-${question.id}`;
  return (
    <div role="group" aria-labelledby={promptId}>
      <Text id={promptId} fw={500} size="sm">
        {label(props)}
      </Text>
      <Text size="sm" c="dimmed">
        {t('quiz.matchEach')}
      </Text>
      <Stack gap="xs" mt="xs">
        {(question.items ?? []).map((item) => (
          <NativeSelect
            key={item.id}
            label={item.text}
            value={pairs[item.id] ?? ''}
            disabled={locked}
            required
            error={error && !pairs[item.id] ? error : undefined}
            onChange={(event) => onChange({ ...pairs, [item.id]: event.currentTarget.value })}
            data={[
              { value: '', label: t('quiz.choose') },
              ...(question.choices ?? []).map((choice) => ({ value: choice.id, label: choice.text })),
            ]}
          />
        ))}
      </Stack>
    </div>
  );
}
