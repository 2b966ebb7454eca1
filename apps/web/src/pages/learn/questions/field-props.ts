import type { Question } from '../../../api/types';

export type Value = string | string[] | Record<string, string> | undefined;

/** What every question type's field is given. */
export interface FieldProps {
  question: Question;
  /** "3. " before the prompt: descriptions are not numbered. */
  number: string;
  value: Value;
  onChange: (value: Value) => void;
  error?: string;
  locked: boolean;
}
