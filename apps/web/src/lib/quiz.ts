import type { Answer, PastAttempt, Question } from '../api/types';

/** What the form holds for each question before it becomes an API answer. */
export type Draft = Record<string, string | string[] | Record<string, string> | undefined>;

/** Turns the form's strings into the typed answers of API.md; unanswered questions are left out. */
export function toAnswers(questions: Question[], draft: Draft): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const question of questions) {
    const value = draft[question.id];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (question.type === 'matching') {
      const pairs = typeof value === 'object' && !Array.isArray(value) ? value : {};
      // Only a question with every item paired is answered.
      if ((question.items ?? []).every((item) => pairs[item.id])) answers[question.id] = { ...pairs };
      continue;
    }
    if (typeof value === 'object' && !Array.isArray(value)) continue;
    switch (question.type) {
      case 'single':
        answers[question.id] = String(value);
        break;
      case 'multiple':
        answers[question.id] = Array.isArray(value) ? value : [value];
        break;
      case 'truefalse':
        answers[question.id] = value === 'true';
        break;
      case 'numeric': {
        const number = Number(String(value).replace(',', '.').trim());
        if (Number.isFinite(number)) answers[question.id] = number;
        break;
      }
      case 'short':
        answers[question.id] = String(value).trim();
        break;
    }
  }
  return answers;
}

/** The form's values for answers already given, so a graded attempt shows what the member chose. */
export function toDraft(answers: PastAttempt['answers'] | undefined): Draft {
  const draft: Draft = {};
  for (const [id, answer] of Object.entries(answers ?? {})) {
    if (answer === null || answer === undefined) continue;
    if (Array.isArray(answer)) draft[id] = answer.map(String);
    else if (typeof answer === 'object') draft[id] = { ...answer };
    else draft[id] = String(answer);
  }
  return draft;
}

export function unanswered(questions: Question[], draft: Draft): Question[] {
  const answers = toAnswers(questions, draft);
  // A description is text between questions: nothing to answer.
  return questions.filter((question) => question.type !== 'description' && !(question.id in answers));
}
