import { basename, resolve } from 'node:path';
import { findModuleFolders, loadModuleFolder } from './module-folder';
import type { ModuleDocument } from './module-document.schema';
import { validateModuleDocument } from './validate-document';
import { frenchGaps } from './translation/french-gaps';

/**
 * The STAR Producer Program as shipped in content/: every document valid, and the program's own rules
 * (issue 3) hold — so an edit that drops a quiz or a translation fails here, not in front of members.
 */
const PROGRAM = resolve(__dirname, '../../../content');

function loadProgram(): { dir: string; document?: ModuleDocument; errors: string[] }[] {
  return findModuleFolders(PROGRAM).map((dir) => {
    const loaded = loadModuleFolder(dir);
    if (loaded.errors.length) return { dir, errors: loaded.errors };
    const result = validateModuleDocument(loaded.document);
    return result.ok ? { dir, document: result.document, errors: [] } : { dir, errors: result.errors };
  });
}

type Text = string | { en: string; fr?: string };
const bilingual = (text: Text) => typeof text === 'object' && !!text.en && !!text.fr;

describe('the STAR Producer Program in content/', () => {
  const program = loadProgram();
  const documents = program.flatMap((m) => (m.document ? [m.document] : []));
  const bySlug = (slug: string) => documents.find((d) => d.slug === slug);

  it('has only valid module documents', () => {
    expect(program.filter((m) => m.errors.length).map((m) => [m.dir, m.errors])).toEqual([]);
  });

  it('holds the seven modules of the program', () => {
    expect(documents.map((d) => d.slug).sort()).toEqual([
      'banking-for-producers',
      'co-production',
      'eco-friendly-production',
      'independent-producer',
      'ip-development-commercialization',
      'post-production',
      'virtual-production',
    ]);
  });

  it.each(program.map((m) => [m.dir.split('/').pop(), m]))('%s: 2–4 units, one quiz of 5+ questions each, certificate with CPD hours', (_, m) => {
    const document = m.document!;
    expect(document.units.length).toBeGreaterThanOrEqual(2);
    expect(document.units.length).toBeLessThanOrEqual(4);
    for (const unit of document.units) {
      const quizzes = unit.items.filter((item) => item.kind === 'quiz');
      expect(quizzes).toHaveLength(1);
      const quiz = quizzes[0] as Extract<typeof quizzes[number], { kind: 'quiz' }>;
      expect(quiz.questions.length).toBeGreaterThanOrEqual(5);
      expect(new Set(quiz.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(2);
      const withFeedback = quiz.questions.filter(
        (q) =>
          ('feedback' in q && q.feedback) ||
          ('generalFeedback' in q && q.generalFeedback) ||
          ('options' in q && q.options.some((o) => o.feedback)),
      );
      expect(withFeedback.length).toBeGreaterThan(0);
    }
    expect(document.certificate.enabled).toBe(true);
    expect(document.certificate.cpdHours).toBeGreaterThan(0);
    expect(bilingual(document.title)).toBe(true);
    expect(bilingual(document.summary)).toBe(true);
  });

  it('has lessons of a few hundred words', () => {
    const short = documents.flatMap((d) =>
      d.units.flatMap((u) =>
        u.items.flatMap((item) => {
          if (item.kind !== 'lesson') return [];
          const body = typeof item.body === 'string' ? { en: item.body } : item.body;
          return Object.entries(body)
            .filter(([, text]) => (text ?? '').split(/\s+/).length < 200)
            .map(([lang]) => `${d.slug}/${u.key}/${item.key} (${lang})`);
        }),
      ),
    );
    expect(short).toEqual([]);
  });

  it('writes the eco-friendly production quizzes in GIFT, in English and in French', () => {
    const raw = loadModuleFolder(resolve(PROGRAM, 'eco-friendly-production')).document as {
      units: { items: { kind: string; gift?: { en?: unknown; fr?: unknown } }[] }[];
    };
    const quizzes = raw.units.flatMap((u) => u.items.filter((i) => i.kind === 'quiz'));
    expect(quizzes.map((q) => [typeof q.gift?.en, typeof q.gift?.fr])).toEqual([
      ['string', 'string'],
      ['string', 'string'],
      ['string', 'string'],
    ]);
  });

  it('has the live sessions the seeds mention: the IDM networking event and the IP monetization webinar', () => {
    const ip = bySlug('ip-development-commercialization')!;
    const events = ip.units.flatMap((u) => u.items.filter((i) => i.kind === 'event'));
    expect(events.map((e) => e.key).sort()).toEqual(['networking', 'webinar']);
  });

  it('Banking for Producers: three units, emerging and established tracks', () => {
    const banking = bySlug('banking-for-producers')!;
    expect(banking.units).toHaveLength(3);
    expect(banking.tracks.map((t) => t.key)).toEqual(['emerging', 'established']);
    expect(banking.units.map((u) => u.tracks)).toEqual([[], ['emerging'], ['established']]);
  });

  // As authored (GIFT still text), so the rule is exactly the one the authoring studio counts with.
  const authored = findModuleFolders(PROGRAM).map((dir) => ({ name: basename(dir), document: loadModuleFolder(dir).document }));

  it('grades typed answers accent-insensitively in every module that has them, since French is typed without accents too', () => {
    const typed = documents.filter((d) =>
      d.units.some((u) => u.items.some((item) => item.kind === 'quiz' && item.questions.some((q) => q.type === 'short'))),
    );
    expect(typed.map((d) => [d.slug, d.grading?.ignoreAccents])).toEqual(typed.map((d) => [d.slug, true]));
    expect(typed).toHaveLength(7);
  });

  it.each(authored.map((m) => [m.name, m]))('%s: every text has French, or is marked as deliberately the same', (_, m) => {
    expect(frenchGaps(m.document)).toEqual([]);
  });
});
