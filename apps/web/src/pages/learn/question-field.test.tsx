import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Question, QuestionType, QuizItem } from '../../api/types';
import i18n from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { QuestionField } from './QuestionField';
import { QuizView } from './QuizView';

const UNSUPPORTED = 'This question cannot be shown here. Please tell the program staff.';

const questionOf = (type: string): Question =>
  ({
    id: `q-${type}`,
    key: type,
    type,
    prompt: `A ${type} question`,
    options: [{ id: 'o1', key: 'a', text: 'An option' }],
    items: [{ id: 'i1', key: 'i1', text: 'An item' }],
    choices: [{ id: 'c1', text: 'A choice' }],
  }) as Question;

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

describe('a question by its type', () => {
  it('says a type this page does not know is unsupported, with its prompt, and offers no text box', () => {
    const onSubmit = vi.fn();
    const quiz: QuizItem = {
      id: 'quiz-1',
      key: 'check',
      kind: 'quiz',
      title: 'Check',
      passMark: 70,
      maxAttempts: null,
      questions: [questionOf('essay')],
    };
    renderWithProviders(
      <QuizView item={quiz} done={false} pending={false} error={null} attempt={undefined} onSubmit={onSubmit} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(UNSUPPORTED);
    expect(alert.textContent).toContain('A essay question');
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  it.each<[QuestionType, string]>([
    ['single', 'radio'],
    ['truefalse', 'radio'],
    ['multiple', 'checkbox'],
    ['short', 'textbox'],
    ['numeric', 'textbox'],
    ['matching', 'combobox'],
  ])('gives a %s question its own field (%s), not the unsupported message', (type, role) => {
    renderWithProviders(
      <QuestionField question={questionOf(type)} number="1. " value={undefined} onChange={() => {}} locked={false} />,
    );
    expect(screen.getAllByRole(role).length).toBeGreaterThan(0);
    expect(screen.queryByText(UNSUPPORTED)).toBeNull();
  });

  it('shows a description as text, with nothing to answer', () => {
    renderWithProviders(
      <QuestionField
        question={questionOf('description')}
        number=""
        value={undefined}
        onChange={() => {}}
        locked={false}
      />,
    );
    expect(screen.getByText('A description question')).toBeTruthy();
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryByText(UNSUPPORTED)).toBeNull();
  });
});
