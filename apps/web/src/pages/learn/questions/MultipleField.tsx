// Mantine's CSS for checkboxes in a group.
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/CheckboxCard.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import { Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldProps } from './field-props';
import { label } from './PromptText';

/** Every right answer among the options (`multiple`). */
export function MultipleField(props: FieldProps) {
  const { t } = useTranslation();
  const { question, value, onChange, error, locked } = props;
  return (
    <Checkbox.Group
      label={label(props)}
      description={t('quiz.chooseAll')}
      value={Array.isArray(value) ? value : []}
      onChange={onChange}
      error={error}
      required
    >
      <Stack gap="xs" mt="xs">
        {(question.options ?? []).map((option) => (
          <Checkbox key={option.id} value={option.id} label={option.text} disabled={locked} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
