// Mantine's CSS for radio buttons in a group.
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/RadioCard.layer.css';
import '@mantine/core/styles/RadioIndicator.layer.css';
import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldProps } from './field-props';
import { label } from './PromptText';

/** One answer among the options (`single`), or true or false (`truefalse`). */
export function ChoiceField(props: FieldProps) {
  const { t } = useTranslation();
  const { question, value, onChange, error, locked } = props;
  const options =
    question.type === 'truefalse'
      ? [
          { id: 'true', text: t('quiz.true') },
          { id: 'false', text: t('quiz.false') },
        ]
      : (question.options ?? []);
  return (
    <Radio.Group
      label={label(props)}
      value={typeof value === 'string' ? value : null}
      onChange={onChange}
      error={error}
      required
    >
      <Stack gap="xs" mt="xs">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} label={option.text} disabled={locked} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
