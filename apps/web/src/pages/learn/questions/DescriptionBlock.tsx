import { Text } from '@mantine/core';
import type { FieldProps } from './field-props';
import { PromptText } from './PromptText';

/** Text between questions (`description`): nothing to answer. */
export function DescriptionBlock({ question }: FieldProps) {
  return (
    <Text component="div">
      <PromptText text={question.prompt} format={question.format} />
    </Text>
  );
}
