import { Locale, localize, LocalizedText } from '@greenlight/common';
import type { ModuleSnapshot, SnapshotItem, SnapshotOption, SnapshotQuestion } from '../catalog-reader/module-snapshot';

/**
 * What leaves the server. Member-facing views are built field by field (never by spreading a
 * snapshot), so the answer key cannot slip into a response; staff ask for it with `answers`.
 */
export interface ViewOptions {
  locale: Locale;
  /** Staff only: include correct options, weights, answers, accepted answers and feedback. */
  answers?: boolean;
}

export type ModuleStatus = 'draft' | 'published';

export function catalogEntry(snapshot: ModuleSnapshot, locale: Locale) {
  return {
    id: snapshot.moduleId,
    slug: snapshot.slug,
    title: localize(snapshot.title, locale),
    summary: localize(snapshot.summary, locale),
    unitCount: snapshot.units.length,
    tracks: snapshot.tracks.map((track) => ({ key: track.key, title: localize(track.title, locale) })),
    certificate: { enabled: snapshot.certificate.enabled, cpdHours: snapshot.certificate.cpdHours },
    ...(snapshot.opensAt ? { opensAt: snapshot.opensAt } : {}),
    ...(snapshot.closesAt ? { closesAt: snapshot.closesAt } : {}),
  };
}

export function moduleView(snapshot: ModuleSnapshot, status: ModuleStatus, options: ViewOptions) {
  const { locale } = options;
  return {
    id: snapshot.moduleId,
    slug: snapshot.slug,
    status,
    version: status === 'published' ? snapshot.version : null,
    ...(status === 'published' ? { publishedAt: snapshot.publishedAt } : {}),
    title: localize(snapshot.title, locale),
    summary: localize(snapshot.summary, locale),
    certificate: { enabled: snapshot.certificate.enabled, cpdHours: snapshot.certificate.cpdHours },
    opensAt: snapshot.opensAt,
    closesAt: snapshot.closesAt,
    tracks: snapshot.tracks.map((track) => ({ key: track.key, title: localize(track.title, locale) })),
    units: snapshot.units.map((unit) => ({
      id: unit.id,
      key: unit.key,
      position: unit.position,
      title: localize(unit.title, locale),
      tracks: [...unit.tracks],
      items: unit.items.map((item) => itemView(item, options)),
    })),
  };
}

function itemView(item: SnapshotItem, options: ViewOptions) {
  const { locale } = options;
  const base = { id: item.id, key: item.key, kind: item.kind, title: localize(item.title, locale) };
  switch (item.kind) {
    case 'lesson':
      return {
        ...base,
        body: localize(item.body, locale),
        videoUrl: item.videoUrl,
        estimatedMinutes: item.estimatedMinutes,
      };
    case 'quiz':
      return {
        ...base,
        passMark: item.passMark,
        maxAttempts: item.maxAttempts,
        questions: item.questions.map((question) => questionView(question, options)),
      };
    case 'event':
      return {
        ...base,
        startsAt: item.startsAt,
        endsAt: item.endsAt,
        location: item.location === null ? null : localize(item.location, locale),
        joinUrl: item.joinUrl,
      };
  }
}

function questionView(question: SnapshotQuestion, options: ViewOptions) {
  const { locale } = options;
  const base = {
    id: question.id,
    key: question.key,
    type: question.type,
    prompt: localize(question.prompt, locale),
    format: question.format ?? 'plain',
  };
  const choices = choicesView(question, options);
  if (!options.answers) return { ...base, ...choices };
  return { ...base, ...choices, ...answerKey(question, locale) };
}

/**
 * What a member picks from. A matching question sends its left items and every right-hand choice
 * sorted by text, so neither the order nor the ids tell which goes with which.
 */
function choicesView(question: SnapshotQuestion, options: ViewOptions) {
  const { locale } = options;
  if (question.type === 'single' || question.type === 'multiple') {
    return { options: question.options.map((option) => optionView(option, options)) };
  }
  if (question.type !== 'matching') return {};
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return {
    items: question.pairs.map((pair) => ({ id: pair.id, key: pair.key, text: localize(pair.left, locale) })),
    choices: question.choices
      .map((choice) => ({ id: choice.id, text: localize(choice.text, locale) }))
      .sort((a, b) => collator.compare(a.text, b.text) || (a.id < b.id ? -1 : 1)),
  };
}

function optionView(option: SnapshotOption, options: ViewOptions) {
  const view = { id: option.id, key: option.key, text: localize(option.text, options.locale) };
  if (!options.answers) return view;
  return {
    ...view,
    correct: option.correct,
    ...(option.weight !== undefined ? { weight: option.weight } : {}),
    ...(option.feedback !== undefined ? { feedback: localize(option.feedback, options.locale) } : {}),
  };
}

function answerKey(question: SnapshotQuestion, locale: Locale) {
  const text = (value: LocalizedText | undefined) => (value === undefined ? undefined : localize(value, locale));
  const optional = <K extends string>(key: K, value: LocalizedText | undefined) =>
    (value === undefined ? {} : { [key]: localize(value, locale) }) as Partial<Record<K, string>>;
  const feedback = {
    ...(question.feedback
      ? {
          feedback: {
            ...optional('correct', question.feedback.correct),
            ...optional('incorrect', question.feedback.incorrect),
          },
        }
      : {}),
    ...optional('generalFeedback', question.generalFeedback),
  };
  switch (question.type) {
    case 'truefalse':
      return { answer: question.answer, ...feedback };
    case 'short':
      return {
        accept: question.accept.map((entry) =>
          typeof entry === 'object' && 'text' in entry
            ? { ...entry, text: text(entry.text), ...optional('feedback', entry.feedback) }
            : localize(entry, locale),
        ),
        ...feedback,
      };
    case 'numeric':
      return {
        answer: question.answer,
        tolerance: question.tolerance,
        ...(question.ranges ? { ranges: question.ranges } : {}),
        ...(question.answers
          ? { answers: question.answers.map((answer) => ({ ...answer, ...optional('feedback', answer.feedback) })) }
          : {}),
        ...optional('otherwiseFeedback', question.otherwiseFeedback),
        ...feedback,
      };
    case 'matching':
      return {
        pairs: question.pairs.map((pair) => ({
          id: pair.id,
          key: pair.key,
          left: localize(pair.left, locale),
          right: localize(pair.right, locale),
          choiceId: pair.choiceId,
        })),
        ...feedback,
      };
    default:
      return feedback;
  }
}
