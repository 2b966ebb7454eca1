import { randomUUID } from 'node:crypto';
import type { ModuleSnapshot } from '@greenlight/course';
import type { ModuleCompletedPayload } from '@greenlight/queue';
import type { TestApp } from '@greenlight/testing';
import { CertificateRepository, NewCertificate } from './issuing/certificate.repository';

let counter = 0;

/** A certificate record as issuing builds it, for tests that sign or render without a database. */
export function certificateRecord(overrides: Partial<NewCertificate> = {}): NewCertificate {
  return {
    id: randomUUID(),
    serial: 'GL-2026-7K3Q-9XPM',
    enrolmentId: randomUUID(),
    memberId: randomUUID(),
    moduleId: randomUUID(),
    moduleSlug: 'banking-for-producers',
    moduleVersion: 2,
    moduleTitle: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
    track: 'emerging',
    trackTitle: { en: 'New and emerging producers', fr: 'Producteurs émergents' },
    holderName: 'Ada Lovelace',
    locale: 'en',
    cpdHours: 4.5,
    completedAt: new Date('2026-03-05T02:00:00.000Z'),
    completionDate: '2026-03-04',
    timeZone: 'America/Toronto',
    issuedAt: new Date('2026-03-05T12:00:00.000Z'),
    validUntil: null,
    status: 'issued',
    pdfSha256: 'f'.repeat(64),
    pdfLayout: 2,
    storageKey: '2026/GL-2026-7K3Q-9XPM.pdf',
    credential: null,
    credentialJwt: null,
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
    supersededAt: null,
    replacesId: null,
    statusListPosition: null,
    ...overrides,
  };
}

/** Publishes a module version straight into the course schema (certificates only read versions). */
export async function insertPublishedModule(
  t: TestApp,
  overrides: Partial<Pick<ModuleSnapshot, 'title' | 'certificate' | 'tracks' | 'units'>> = {},
): Promise<ModuleSnapshot> {
  counter += 1;
  const slug = `cert-module-${counter}-${randomUUID().slice(0, 6)}`;
  const { rows } = await t.db.pool.query(
    `INSERT INTO course.modules (slug, draft, draft_hash, latest_version) VALUES ($1, '{}', 'h', 1) RETURNING id`,
    [slug],
  );
  const snapshot: ModuleSnapshot = {
    moduleId: rows[0].id,
    slug,
    version: 1,
    publishedAt: '2026-01-01T00:00:00.000Z',
    title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
    summary: 'Interim financing.',
    certificate: { enabled: true, cpdHours: 4.5 },
    opensAt: null,
    closesAt: null,
    tracks: [{ key: 'emerging', title: { en: 'New and emerging producers', fr: 'Producteurs émergents' } }],
    units: [],
    ...overrides,
  };
  await t.db.pool.query(
    `INSERT INTO course.module_versions (module_id, version, snapshot, document_hash) VALUES ($1, 1, $2, 'h')`,
    [snapshot.moduleId, JSON.stringify(snapshot)],
  );
  return snapshot;
}

/** What progress would put on the queue when this member completes this module. */
export function completionOf(
  snapshot: ModuleSnapshot,
  memberId: string,
  overrides: Partial<ModuleCompletedPayload> = {},
): ModuleCompletedPayload {
  return {
    enrolmentId: randomUUID(),
    memberId,
    moduleId: snapshot.moduleId,
    moduleSlug: snapshot.slug,
    moduleVersion: snapshot.version,
    track: snapshot.tracks[0]?.key ?? null,
    completedAt: '2026-03-05T02:00:00.000Z',
    ...overrides,
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs `before` between rendering and the insert of every certificate (a spy on the repository), so a
 * test can fail or slow down issuing at exactly that point. Undone by jest.restoreAllMocks().
 */
export function beforeInsert(t: TestApp, before: (certificate: NewCertificate) => Promise<void> | void): void {
  const repository = t.app.get(CertificateRepository, { strict: false });
  const insert = repository.insertUnlessLive.bind(repository);
  jest.spyOn(repository, 'insertUnlessLive').mockImplementation(async (certificate, manager) => {
    await before(certificate);
    return insert(certificate, manager);
  });
}
