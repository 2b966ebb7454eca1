import { describe, expect, it } from 'vitest';
import type { Question } from '../api/types';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { initialLanguage } from '../i18n';
import { splitProblem } from './document';
import { formatNumber, linkedInAddUrl, parseAddressList, parseEmails, percent } from './format';
import { buildIcs } from './ics';
import { renderMarkdown } from './markdown';
import { nextItemId, unitsForTrack } from './progress';
import { LANGUAGES, languageTag } from '../i18n/languages';
import { toAnswers, unanswered } from './quiz';

const keys = (value: object, prefix = ''): string[] =>
  Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' ? [prefix + key] : keys(child as object, `${prefix}${key}.`),
  );

describe('languages', () => {
  it('has a French text for every English one, and no extra', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it('takes ?lang= first, then the remembered choice, then the browser', () => {
    expect(initialLanguage('?lang=fr', 'en', ['en-CA'])).toBe('fr');
    expect(initialLanguage('', 'fr', ['en-CA'])).toBe('fr');
    expect(initialLanguage('?lang=de', null, ['fr-CA', 'en'])).toBe('fr');
    expect(initialLanguage('', 'xx', ['de-DE'])).toBe('en');
  });
});

describe('quiz answers', () => {
  const questions: Question[] = [
    { id: 's', key: 's', type: 'single', prompt: '', format: 'plain', options: [{ id: 'o1', key: 'a', text: 'A' }] },
    { id: 'm', key: 'm', type: 'multiple', prompt: '', format: 'plain', options: [] },
    { id: 't', key: 't', type: 'truefalse', prompt: '', format: 'plain' },
    { id: 'n', key: 'n', type: 'numeric', prompt: '', format: 'plain' },
    { id: 'x', key: 'x', type: 'short', prompt: '', format: 'plain' },
  ];

  it('turns the form into the typed answers the API grades', () => {
    expect(toAnswers(questions, { s: 'o1', m: ['o2', 'o3'], t: 'false', n: ' 7,1 ', x: '  gap financing ' })).toEqual({
      s: 'o1',
      m: ['o2', 'o3'],
      t: false,
      n: 7.1,
      x: 'gap financing',
    });
  });

  it('lists the questions left blank, and a number that is not one', () => {
    expect(unanswered(questions, { s: 'o1', m: [], t: 'true', n: 'seven' }).map((q) => q.id)).toEqual(['m', 'n', 'x']);
  });
});

describe('calendar file', () => {
  it('is a valid VEVENT in UTC with escaped text and folded long lines', () => {
    const ics = buildIcs(
      {
        uid: 'item-1',
        title: 'Banking, live; Q&A',
        startsAt: '2026-03-04T18:00:00-05:00',
        endsAt: '2026-03-04T19:30:00-05:00',
        url: 'https://meet.example.org/' + 'x'.repeat(100),
      },
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(ics).toContain('DTSTART:20260304T230000Z\r\n');
    expect(ics).toContain('DTEND:20260305T003000Z\r\n');
    expect(ics).toContain('SUMMARY:Banking\\, live\\; Q&A\r\n');
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('lasts an hour when the session has no end', () => {
    expect(buildIcs({ uid: 'u', title: 't', startsAt: '2026-03-04T18:00:00Z' })).toContain('DTEND:20260304T190000Z');
  });
});

describe('lesson Markdown', () => {
  it('renders Markdown and removes scripts, handlers and javascript: links', () => {
    const html = renderMarkdown(
      'Intro\n\n# Title\n\n**bold** [site](https://example.org) [bad](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror="alert(1)">',
    );
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });
});

describe('formatting helpers', () => {
  it('finds each email once in pasted text of any shape', () => {
    expect(parseEmails('Ana <ana@example.org>, bob@example.org;\nANA@example.org  carl@ex.ca x@y')).toEqual([
      'ana@example.org',
      'bob@example.org',
      'carl@ex.ca',
    ]);
  });

  it('keeps what was meant as an email but is not one apart, and leaves names and other columns out', () => {
    expect(parseAddressList('Name,Email\nAna Lima,ana@example.org\nBob,bob@example\n@carl, dana@x.ca')).toEqual({
      emails: ['ana@example.org', 'dana@x.ca'],
      invalid: ['bob@example', '@carl'],
    });
  });

  it('builds the LinkedIn add-to-profile link', () => {
    const url = new URL(
      linkedInAddUrl({
        name: 'Banking for Producers',
        organization: 'Greenlight',
        issuedAt: '2026-03-15T12:00:00Z',
        certUrl: 'https://gl.example/verify/GL-1',
        certId: 'GL-1',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      name: 'Banking for Producers',
      issueYear: '2026',
      issueMonth: '3',
      certId: 'GL-1',
      certUrl: 'https://gl.example/verify/GL-1',
    });
  });

  it('shows a rate, a fraction of one, as a whole percentage', () => {
    expect(percent(0.426)).toBe(43);
    expect(percent(1)).toBe(100);
    expect(percent(0.004)).toBe(0);
  });
});

describe('module documents', () => {
  it('splits a problem into its path and message', () => {
    expect(splitProblem('units[1].items[0].questions[2].options: a single-choice question needs one')).toEqual({
      path: 'units[1].items[0].questions[2].options',
      message: 'a single-choice question needs one',
    });
    expect(splitProblem('slug is taken')).toEqual({ path: null, message: 'slug is taken' });
  });
});

describe('tracks and progress', () => {
  const item = (id: string) => ({
    id,
    key: id,
    kind: 'lesson' as const,
    title: id,
    body: '',
    videoUrl: null,
    estimatedMinutes: null,
  });
  const module = {
    units: [
      { id: 'u2', key: 'u2', position: 2, title: 'B', tracks: ['established'], items: [item('b1')] },
      { id: 'u1', key: 'u1', position: 1, title: 'A', tracks: [], items: [item('a1'), item('a2')] },
      { id: 'u3', key: 'u3', position: 3, title: 'C', tracks: ['emerging'], items: [item('c1')] },
    ],
  };

  it('shows the shared units and those of the member’s track, in order', () => {
    expect(unitsForTrack(module, 'emerging').map((u) => u.key)).toEqual(['u1', 'u3']);
    expect(unitsForTrack(module, null).map((u) => u.key)).toEqual(['u1', 'u2', 'u3']);
  });

  it('continues at the first item not done', () => {
    const units = unitsForTrack(module, 'emerging');
    expect(nextItemId(units, new Set(['a1']))).toBe('a2');
    expect(nextItemId(units, new Set(['a1', 'a2', 'c1']))).toBe('a1');
  });
});

describe('formatNumber', () => {
  it('writes every number as Intl.NumberFormat does, in every language, with or without Intl', () => {
    const values = [0, 0.04, 0.05, 0.25, 0.35, 1, 1.005, 1.5, 2.25, 4.35, 4.5, 10, 12.75, 99.95, 999.94, 999.95, 1000];
    const sweep = Array.from({ length: 2000 }, (_, n) => n * 0.137);
    for (const language of LANGUAGES) {
      for (const digits of [0, 1, 2]) {
        const intl = new Intl.NumberFormat(languageTag(language), { maximumFractionDigits: digits });
        for (const value of [...values, ...sweep, 12345.678, -2.25, -0]) {
          expect(`${language} ${digits} ${value}: ${formatNumber(value, language, digits)}`).toBe(
            `${language} ${digits} ${value}: ${intl.format(value)}`,
          );
        }
      }
    }
  });
});
