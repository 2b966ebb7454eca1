import type { LocalizedText } from '@greenlight/common';

/**
 * A published module version, frozen: the only course data other services read. Ids are stable
 * across versions (derived from the module and the authored keys), so progress keeps its meaning.
 * It holds the answer key: never send it to a member as it is.
 */
export interface ModuleSnapshot {
  moduleId: string;
  slug: string;
  version: number;
  publishedAt: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** `validForMonths` only when the module's certificates expire (versions published before it have none). */
  certificate: { enabled: boolean; cpdHours: number; validForMonths?: number };
  opensAt: string | null;
  closesAt: string | null;
  tracks: { key: string; title: LocalizedText }[];
  units: SnapshotUnit[];
}

export interface SnapshotUnit {
  id: string;
  key: string;
  position: number;
  title: LocalizedText;
  /** Empty: every track. */
  tracks: string[];
  items: SnapshotItem[];
}

interface ItemBase {
  id: string;
  key: string;
  title: LocalizedText;
}

export interface LessonItem extends ItemBase {
  kind: 'lesson';
  body: LocalizedText;
  videoUrl: string | null;
  estimatedMinutes: number | null;
}

export interface QuizItem extends ItemBase {
  kind: 'quiz';
  passMark: number;
  maxAttempts: number | null;
  /** The module's `grading` settings, copied to each quiz so grading needs the quiz alone; absent: defaults. */
  grading?: { ignoreAccents: boolean };
  questions: SnapshotQuestion[];
}

export interface EventItem extends ItemBase {
  kind: 'event';
  startsAt: string;
  endsAt: string;
  location: LocalizedText | null;
  joinUrl: string | null;
}

export type SnapshotItem = LessonItem | QuizItem | EventItem;

/** Shown after an attempt: `correct` when the answer was right, `incorrect` otherwise. */
export interface QuestionFeedback {
  correct?: LocalizedText;
  incorrect?: LocalizedText;
}

/** How a question's texts are shown; absent: plain text with its line breaks. */
export type TextFormat = 'plain' | 'markdown' | 'html' | 'moodle';

interface QuestionBase {
  id: string;
  key: string;
  prompt: LocalizedText;
  format?: TextFormat;
  feedback?: QuestionFeedback;
  /** Shown after every attempt, right or wrong. */
  generalFeedback?: LocalizedText;
}

export interface SnapshotOption {
  id: string;
  key: string;
  text: LocalizedText;
  correct: boolean;
  /**
   * GIFT `%` weight, -100..100. Multiple-answer: absent means share-of-correct scoring; single-choice:
   * the credit of choosing it (absent: 100 when correct, else 0).
   */
  weight?: number;
  feedback?: LocalizedText;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'multiple';
  options: SnapshotOption[];
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'truefalse';
  answer: boolean;
}

/** An accepted short answer with its credit (percent, absent: 100) and feedback. */
export interface AcceptedAnswer {
  text: LocalizedText;
  weight?: number;
  feedback?: LocalizedText;
}

export interface ShortQuestion extends QuestionBase {
  type: 'short';
  /**
   * Tried in order, the first match counts. Compared case- and space-insensitively (and
   * accent-insensitively when the quiz's grading says so); `*` matches any text, `\*` is a star.
   */
  accept: (LocalizedText | AcceptedAnswer)[];
}

export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  /** Right when |given − answer| ≤ tolerance, or when given falls in one of the ranges (GIFT `{#5..10}`). */
  answer: number | null;
  tolerance: number;
  ranges?: { min: number; max: number }[];
  /** Answers with their own credit (percent, absent: 100) and feedback, tried in order first. */
  answers?: NumericAnswer[];
  /** Shown when the answer matches nothing above. */
  otherwiseFeedback?: LocalizedText;
}

export type NumericAnswer = ({ value: number; tolerance: number } | { min: number; max: number }) & {
  weight?: number;
  feedback?: LocalizedText;
};

export interface MatchingPair {
  id: string;
  key: string;
  left: LocalizedText;
  right: LocalizedText;
  /** The id of the choice holding `right` (equal right texts are one choice). */
  choiceId: string;
}

export interface MatchingQuestion extends QuestionBase {
  type: 'matching';
  pairs: MatchingPair[];
  /** Every right-hand text once, pairs' and distractors', with ids that do not reveal the pairs. */
  choices: { id: string; text: LocalizedText }[];
}

/** Text between questions: shown, not graded. */
export interface DescriptionQuestion extends QuestionBase {
  type: 'description';
}

export type SnapshotQuestion =
  ChoiceQuestion | TrueFalseQuestion | ShortQuestion | NumericQuestion | MatchingQuestion | DescriptionQuestion;

/** Every item a member on `track` must complete (a unit with no tracks is for everyone). */
export function itemsForTrack(snapshot: ModuleSnapshot, track: string | null): SnapshotItem[] {
  return snapshot.units
    .filter((unit) => unit.tracks.length === 0 || (track !== null && unit.tracks.includes(track)))
    .flatMap((unit) => unit.items);
}
