import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MissedQuestion, ModuleReport } from '../../api/types';
import { renderWithProviders } from '../../test/render';
import { ReportSection } from './ReportSection';

const question = (key: string, missed: number): MissedQuestion => ({
  itemId: 'quiz-id',
  itemKey: 'check',
  questionId: `id-${key}`,
  key,
  prompt: `Prompt ${key}`,
  answered: 10,
  missed,
  missRate: missed / 10,
});

const quiz = (
  itemKey: string,
  title: string,
  attempts: number,
  passed: number,
  mostMissed: MissedQuestion[],
): ModuleReport['quizzes'][number] => ({
  itemId: `id-${itemKey}`,
  itemKey,
  unitKey: 'u1',
  title,
  attempts,
  passed,
  passRate: passed / attempts,
  mostMissed,
});

describe('the module report', () => {
  it('lists each most-missed question once, as the overall ranking gives them', () => {
    const report: ModuleReport = {
      slug: 'banking',
      title: 'Banking',
      enrolled: 10,
      inProgress: 4,
      completed: 6,
      completionRate: 0.6,
      renewals: 0,
      renewalsInProgress: 0,
      renewalsCompleted: 0,
      version: 1,
      medianDaysToComplete: 3,
      units: [{ id: 'u1', key: 'u1', title: 'Banks', tracks: [], completed: 6, stuck: 0 }],
      stuckAfterDays: 14,
      quizzes: [quiz('check', 'Check', 12, 9, [question('q2', 5)]), quiz('final', 'Final', 8, 4, [question('q7', 3)])],
      mostMissed: [question('q2', 5), question('q7', 3)],
    };
    renderWithProviders(<ReportSection report={report} module={undefined} />);
    const list = screen.getByRole('list');
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Prompt q2');
    expect(items[1]).toContain('Prompt q7');
  });
});
