import { resolve } from 'node:path';
import { findModuleFolders, loadModuleFolder, validateModuleDocument } from '@greenlight/content';
import type { QuizItem } from '@greenlight/course';
import { gradeAttempt } from './grading';

/**
 * The seeded program's typed answers as members write them: every accepted answer, English or French
 * (GIFT French versions included), is right typed in capitals and without accents, in either language.
 */
const PROGRAM = resolve(__dirname, '../../../../content');

const withoutAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

const shortQuestions = findModuleFolders(PROGRAM).flatMap((dir) => {
  const result = validateModuleDocument(loadModuleFolder(dir).document);
  if (!result.ok) throw new Error(`${dir}: ${result.errors.join('; ')}`);
  const document = result.document;
  return document.units.flatMap((unit) =>
    unit.items.flatMap((item) =>
      item.kind !== 'quiz'
        ? []
        : item.questions.flatMap((question) => {
            if (question.type !== 'short') return [];
            const quiz = {
              kind: 'quiz',
              passMark: item.passMark,
              grading: document.grading,
              questions: [{ ...question, id: question.key }],
            } as unknown as QuizItem;
            const accepted = question.accept.flatMap((entry) => {
              const text = typeof entry === 'object' && 'text' in entry ? entry.text : entry;
              return typeof text === 'string' ? [text] : [text.en, text.fr ?? text.en];
            });
            return [{ name: `${document.slug}/${unit.key}/${question.key}`, quiz, id: question.key, accepted }];
          }),
    ),
  );
});

describe('the typed answers of the STAR Producer Program', () => {
  it('has short-answer questions with French answers in every module', () => {
    const modules = new Set(shortQuestions.map((q) => q.name.split('/')[0]));
    expect(modules.size).toBe(7);
  });

  it.each(shortQuestions.map((q) => [q.name, q]))(
    '%s: every accepted answer is right without accents, in capitals, in both languages',
    (_, q) => {
      for (const locale of ['en', 'fr'] as const) {
        for (const answer of q.accepted) {
          const typed = withoutAccents(answer).toUpperCase();
          expect([typed, gradeAttempt(q.quiz, { [q.id]: typed }, locale).results[0].correct]).toEqual([typed, true]);
        }
        expect(gradeAttempt(q.quiz, { [q.id]: 'pas du tout' }, locale).results[0].correct).toBe(false);
      }
    },
  );
});
