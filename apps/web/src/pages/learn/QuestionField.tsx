import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionType } from '../../api/types';
import { ChoiceField } from './questions/ChoiceField';
import { DescriptionBlock } from './questions/DescriptionBlock';
import type { FieldProps } from './questions/field-props';
import { MatchingField } from './questions/MatchingField';
import { MultipleField } from './questions/MultipleField';
import { PromptText } from './questions/PromptText';
import { TypedField } from './questions/TypedField';

export type { FieldProps } from './questions/field-props';

/** Every question type the API sends, with its field: adding a type without a field fails the typecheck. */
const FIELDS: Record<QuestionType, (props: FieldProps) => ReactNode> = {
  single: ChoiceField,
  truefalse: ChoiceField,
  multiple: MultipleField,
  short: TypedField,
  numeric: TypedField,
  matching: MatchingField,
  description: DescriptionBlock,
};

/**
 * The field for a question, from the map above; a type it does not know (a server newer than this page)
 * renders an explicit "unsupported question" message with the prompt, never a text box to type into.
 */
export function QuestionField(props: FieldProps) {
  const { t } = useTranslation();
  const Field = FIELDS[props.question.type] as ((props: FieldProps) => ReactNode) | undefined;
  if (!Field) {
    return (
      <Alert color="orange" title={t('quiz.unknownType')}>
        <PromptText text={props.question.prompt} format={props.question.format} />
      </Alert>
    );
  }
  return <Field {...props} />;
}
