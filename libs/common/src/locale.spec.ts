import { localize, pickLocale } from './locale';

describe('locale', () => {
  it('prefers ?lang= over Accept-Language over the user locale', () => {
    expect(pickLocale('fr', 'en-CA', 'en')).toBe('fr');
    expect(pickLocale(undefined, 'fr-CA,fr;q=0.9,en;q=0.8', 'en')).toBe('fr');
    expect(pickLocale(undefined, undefined, 'fr')).toBe('fr');
    expect(pickLocale('de', 'es', undefined)).toBe('en');
  });

  it('falls back to English when a translation is missing', () => {
    expect(localize({ en: 'Banking', fr: 'Banques' }, 'fr')).toBe('Banques');
    expect(localize({ en: 'Banking' }, 'fr')).toBe('Banking');
    expect(localize('Plain', 'fr')).toBe('Plain');
  });
});
