// Test data in the shapes the API answers (schema.d.ts): a test states what it is about and takes the rest.
import type { Certificate, Enrolment, LessonItem, User } from '../api/types';

/** The signed-in people of the tests, as GET /api/auth/me answers them. */
export const makeMember = (overrides: Partial<User> = {}): User => ({
  id: 'u1',
  email: 'ana@example.org',
  name: 'Ana Lima',
  role: 'member',
  locale: 'en',
  emailVerified: true,
  ...overrides,
});

export const makeStaff = (overrides: Partial<User> = {}): User =>
  makeMember({ id: 's1', email: 'staff@example.org', name: 'Program Staff', role: 'staff', ...overrides });

export const makeLesson = (overrides: Partial<LessonItem> & Pick<LessonItem, 'id'>): LessonItem => ({
  key: overrides.id,
  kind: 'lesson',
  title: overrides.id,
  body: '',
  videoUrl: null,
  estimatedMinutes: null,
  ...overrides,
});

export const makeEnrolment = (overrides: Partial<Enrolment> = {}): Enrolment => ({
  id: 'e1',
  memberId: 'u1',
  module: {
    id: 'm1',
    slug: 'banking',
    title: 'Banking for Producers',
    version: 1,
    certificate: { enabled: true, cpdHours: 2 },
    closesAt: null,
  },
  track: null,
  status: 'in_progress',
  renewalOf: null,
  current: true,
  renewable: false,
  enrolledAt: '2026-01-01T00:00:00Z',
  completedAt: null,
  progress: { completedItems: 0, totalItems: 0, percent: 0 },
  units: [],
  ...overrides,
});

export const makeCertificate = (overrides: Partial<Certificate> & Pick<Certificate, 'serial'>): Certificate => ({
  id: `id-${overrides.serial}`,
  enrolmentId: 'e1',
  status: 'issued',
  holderName: 'Ana Lima',
  module: { slug: 'banking', title: 'Banking', version: 1 },
  track: null,
  trackTitle: null,
  cpdHours: 2,
  completedAt: '2026-03-05T02:00:00.000Z',
  completionDate: '2026-03-04',
  issuedAt: '2026-03-05T12:00:00.000Z',
  validUntil: null,
  expired: false,
  revokedAt: null,
  revocationReason: null,
  supersededAt: null,
  replacesId: null,
  pdfSha256: 'f'.repeat(64),
  verifyUrl: `/verify/${overrides.serial}`,
  pdfUrl: `/api/certificates/id-${overrides.serial}/pdf`,
  credentialUrl: `/api/certificates/id-${overrides.serial}/credential`,
  ...overrides,
});
