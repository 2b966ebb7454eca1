// Mantine's CSS for a text input.
import '@mantine/core/styles/Input.layer.css';
import { TextInput } from '@mantine/core';
import type { FieldProps } from './field-props';
import { label } from './PromptText';

/** A typed answer: words (`short`) or a number (`numeric`, the phone's decimal keypad). */
export function TypedField(props: FieldProps) {
  const { question, value, onChange, error, locked } = props;
  return (
    <TextInput
      label={label(props)}
      inputMode={question.type === 'numeric' ? 'decimal' : 'text'}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      disabled={locked}
      required
    />
  );
}
