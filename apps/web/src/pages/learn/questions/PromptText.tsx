import type { TextFormat } from '../../../api/types';
import { renderMarkdown } from '../../../lib/markdown';
import type { FieldProps } from './field-props';

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

/** A field's label: its number, then the prompt. */
export const label = (props: FieldProps) => (
  <>
    {props.number}
    <PromptText text={props.question.prompt} format={props.question.format} />
  </>
);
