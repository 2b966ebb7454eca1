import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { fakeApi, renderWithProviders } from '../../test/render';
import { ReminderRulesSection } from './ReminderRulesSection';

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

const existing = {
  key: 'expiry-60',
  kind: 'before-expiry',
  days: 60,
  subject: { en: 'Renew', fr: 'Renouvelez' },
  body: { en: 'Soon', fr: 'Bientôt' },
  enabled: true,
};

describe('the reminder rules of a module', () => {
  it('keeps an existing rule’s key, adds a new one and saves them all together', async () => {
    const calls = fakeApi((url, init) => {
      if (url.pathname !== '/api/modules/banking/reminder-rules') return undefined;
      return { body: init.method === 'PUT' ? JSON.parse(String(init.body)) : [existing] };
    });
    renderWithProviders(<ReminderRulesSection slug="banking" />);
    const user = userEvent.setup();
    await screen.findByRole('group', { name: 'Rule 1: This many days before a certificate expires' });
    await user.click(screen.getByRole('button', { name: 'Add a rule' }));
    const added = screen.getByRole('group', { name: 'Rule 2: No activity for this many days' });
    await user.clear(screen.getAllByLabelText('Days')[1]!);
    await user.type(screen.getAllByLabelText('Days')[1]!, '21');
    await user.type(screen.getAllByLabelText('Subject (English)')[1]!, 'Still there?');
    expect(added).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save the rules' }));
    expect((await screen.findByRole('status')).textContent).toBe('2 rules saved: they run on their own from now on.');
    const saved = calls.find((c) => c.method === 'PUT')?.body as (typeof existing)[];
    expect(saved[0]).toEqual(existing);
    expect(saved[1]).toMatchObject({ kind: 'inactive', days: 21, subject: { en: 'Still there?', fr: '' } });
    expect(saved[1]!.key).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});
