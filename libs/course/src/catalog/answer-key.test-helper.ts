/** Fields that would give a quiz away; none may appear in what a member or an anonymous caller receives. */
export const ANSWER_KEY_FIELDS = [
  'correct',
  'answer',
  'accept',
  'tolerance',
  'ranges',
  'weight',
  'feedback',
  'answers',
  'otherwiseFeedback',
  'generalFeedback',
  'pairs',
  'choiceId',
  'distractors',
];

/** The answer-key field names found anywhere in a JSON value, each with the path where it was found. */
export function answerKeyFieldsIn(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => answerKeyFieldsIn(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(ANSWER_KEY_FIELDS.includes(k) ? [`${path}.${k}`] : []),
    ...answerKeyFieldsIn(v, `${path}.${k}`),
  ]);
}
