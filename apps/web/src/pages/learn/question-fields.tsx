// Mantine's CSS for the fields of a quiz.
import '@mantine/core/styles/Checkbox.layer.css';
import { Alert, Checkbox, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question, QuestionType, TextFormat } from '../../api/types';
import { renderMarkdown } from '../../lib/markdown';

type Value = string | string[] | Record<string, string> | undefined;

export interface FieldProps {
  question: Question;
  /** "3. " before the prompt: descriptions are not numbered. */
  number: string;
  value: Value;
  onChange: (value: Value) => void;
  error?: string;
  locked: boolean;
}

/**
 * A prompt as its author wrote it: Markdown and HTML go through the lessons' renderer and sanitiser;
 * plain (and Moodle's auto-format) text keeps its line breaks.
 */
export function PromptText({ text, format }: { text: string; format?: TextFormat }) {
  if (format === 'markdown' || format === 'html') {
    return <span className="question-prompt" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
  }
  return <span style={{ whiteSpace: 'pre-line' }}>{text}</span>;
}

const label = (props: FieldProps) => (
  <>
    {props.number}
    <PromptText text={props.question.prompt} format={props.question.format} />
  </>
);

function ChoiceField(props: FieldProps) {
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

function MultipleField(props: FieldProps) {
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

function TypedField(props: FieldProps) {
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

/** One select per left-hand item; every right-hand choice is offered to each. */
function MatchingField(props: FieldProps) {
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

function DescriptionBlock({ question }: FieldProps) {
  return (
    <Text component="div">
      <PromptText text={question.prompt} format={question.format} />
    </Text>
  );
}

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

/** The field for a question; a type this page does not know says so instead of guessing a text box. */
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
