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

describe('the module report', () => {
  it('lists each most-missed question once, as the overall ranking gives them', () => {
    const report: ModuleReport = {
      slug: 'banking',
      title: 'Banking',
      enrolled: 10,
      inProgress: 4,
      completed: 6,
      completionRate: 0.6,
      medianDaysToComplete: 3,
      units: [{ key: 'u1', title: 'Banks', completed: 6 }],
      quizzes: [
        { itemKey: 'check', title: 'Check', attempts: 12, passRate: 0.75, mostMissed: [question('q2', 5)] },
        { itemKey: 'final', title: 'Final', attempts: 8, passRate: 0.5, mostMissed: [question('q7', 3)] },
      ],
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
