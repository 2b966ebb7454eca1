// The shapes of ../shared/API.md, as the front end reads them.

export type Role = 'member' | 'staff' | 'admin';
export type Locale = 'en' | 'fr';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  /** Whether the member proved the address (a mailed link, a reset, or a provider that vouches for it). */
  emailVerified?: boolean;
}

/** GET /api/auth/providers: how this site signs people in. */
export interface SignInOptions {
  localLogin: boolean;
  oidc: { label: string; loginUrl: string } | null;
}

export interface Session {
  user: User;
  accessToken: string;
}

export interface Track {
  key: string;
  title: string;
}

export interface ModuleSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  unitCount: number;
  tracks: Track[];
  certificate: { enabled: boolean; cpdHours: number | null };
  opensAt?: string | null;
  closesAt?: string | null;
  status?: 'draft' | 'published';
  version?: number | null;
  hasUnpublishedChanges?: boolean;
  /** Texts of the draft without French (staff list only). */
  frenchMissing?: number;
}

export interface Option {
  id: string;
  key: string;
  text: string;
}

export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'short' | 'numeric' | 'matching' | 'description';

/** How a prompt is written (GIFT's [plain], [markdown], [html], [moodle]). */
export type TextFormat = 'plain' | 'markdown' | 'html' | 'moodle';

export interface Question {
  id: string;
  key: string;
  type: QuestionType;
  prompt: string;
  format?: TextFormat;
  options?: Option[];
  /** Matching: the left-hand items, each to be paired with one of `choices`. */
  items?: { id: string; key: string; text: string }[];
  choices?: { id: string; text: string }[];
}

interface ItemBase {
  id: string;
  key: string;
  title: string;
}

export interface LessonItem extends ItemBase {
  kind: 'lesson';
  body: string;
  videoUrl?: string | null;
  estimatedMinutes?: number | null;
}

export interface QuizItem extends ItemBase {
  kind: 'quiz';
  passMark: number;
  maxAttempts: number | null;
  questions: Question[];
}

export interface EventItem extends ItemBase {
  kind: 'event';
  startsAt: string;
  endsAt?: string | null;
  location?: string | null;
  joinUrl?: string | null;
}

export type Item = LessonItem | QuizItem | EventItem;

export interface Unit {
  id: string;
  key: string;
  position: number;
  title: string;
  tracks: string[];
  items: Item[];
}

export interface ModuleDetail {
  id: string;
  slug: string;
  title: string;
  summary: string;
  version: number | null;
  status?: 'draft' | 'published';
  tracks: Track[];
  units: Unit[];
  certificate?: { enabled: boolean; cpdHours: number | null };
  opensAt?: string | null;
  closesAt?: string | null;
}

export interface Enrolment {
  id: string;
  /** `closesAt`: the module's deadline (new enrolments end then), for members still in progress. */
  module: { slug: string; title: string; version: number; closesAt?: string | null };
  track: string | null;
  status: 'in_progress' | 'completed';
  /** The enrolment this one renews (null for a first enrolment). */
  renewalOf?: string | null;
  /** False once renewed: the member's current enrolment in the module is its renewal. */
  current?: boolean;
  /** Enrolling again now starts a renewal: the certificate has expired or expires within 90 days. */
  renewable?: boolean;
  enrolledAt: string;
  completedAt: string | null;
  progress: { completedItems: number; totalItems: number; percent: number };
  units: {
    id: string;
    key: string;
    completed: boolean;
    items: { id: string; key: string; kind: Item['kind']; completed: boolean }[];
  }[];
}

export type Answer = string | string[] | boolean | number | Record<string, string>;

export interface QuizAttempt {
  id: string;
  score: number;
  passed: boolean;
  /** The member's own answers as sent (older servers may leave them out). */
  answers?: Record<string, Answer>;
  results: { questionId: string; correct: boolean; feedback?: string | null }[];
  attemptsLeft: number | null;
}

export interface Certificate {
  id: string;
  /** The enrolment it certifies. */
  enrolmentId?: string;
  serial: string;
  status: 'issued' | 'revoked' | 'superseded';
  holderName: string;
  module: { slug: string; title: string; version: number };
  track: string | null;
  completedAt: string;
  issuedAt: string;
  /** Null: it never expires. */
  validUntil?: string | null;
  expired?: boolean;
  pdfSha256: string;
  cpdHours?: number | null;
  trackTitle?: string | null;
  verifyUrl: string;
  pdfUrl: string;
}

export interface Verification {
  valid: boolean;
  status: Certificate['status'] | 'expired';
  serial: string;
  holderName: string;
  module: { slug: string; title: string };
  completedAt: string;
  issuedAt: string;
  validUntil?: string | null;
  expired?: boolean;
  issuer: string | { name?: string; id?: string; url?: string };
  pdfSha256: string;
}

export interface ModuleReportRow {
  slug: string;
  title: string;
  enrolled: number;
  inProgress: number;
  completed: number;
  completionRate: number;
  /** Renewals started (and how many are in progress or completed), counted apart from first enrolments. */
  renewals?: number;
  renewalsInProgress?: number;
  renewalsCompleted?: number;
}

export interface MissedQuestion {
  itemId: string;
  itemKey: string;
  questionId: string;
  key: string;
  prompt: string;
  answered: number;
  missed: number;
  missRate: number;
}

export interface ModuleReport {
  slug: string;
  title: string;
  enrolled: number;
  inProgress: number;
  completed: number;
  completionRate: number;
  renewals?: number;
  renewalsInProgress?: number;
  renewalsCompleted?: number;
  medianDaysToComplete: number | null;
  units: { key: string; title: string; completed: number }[];
  quizzes: { itemKey: string; title: string; attempts: number; passRate: number; mostMissed: MissedQuestion[] }[];
  mostMissed: MissedQuestion[];
}

export interface MemberRow {
  memberId: string;
  lastActivityAt: string;
  currentItem: { key: string; title: string } | null;
  name: string;
  email: string;
  track: string | null;
  status: string;
  percent: number;
  enrolledAt: string;
  completedAt: string | null;
  certificateSerial: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

// Running a program (issue 15): the member page and reminders.
export interface MemberItem {
  id: string;
  key: string;
  kind: 'lesson' | 'quiz' | 'event';
  title: string;
  completed: boolean;
  completedAt: string | null;
  source: 'self' | 'quiz' | 'attendance' | 'staff' | null;
  attempts?: { number: number; score: number; passed: boolean; at: string }[];
  extraAttempts?: { reason: string; grantedAt: string }[];
}

export interface MemberEnrolment {
  id: string;
  module: { slug: string; title: string; version: number };
  track: string | null;
  tracks: { key: string; title: string }[];
  status: string;
  enrolledAt: string;
  completedAt: string | null;
  lastActivityAt: string;
  currentItem: { key: string; title: string } | null;
  progress: { completedItems: number; totalItems: number; percent: number };
  units: { id: string; key: string; title: string; completed: boolean; items: MemberItem[] }[];
}

export interface MemberDetail {
  user: { id: string; email: string; name: string; locale: string; emailVerified?: boolean };
  unsubscribedAt: string | null;
  enrolments: MemberEnrolment[];
  certificates: { id: string; serial: string; status: string; module: { slug?: string; title?: string } }[];
  messages: { kind: string; subject: string; moduleSlug: string | null; status: string; sentAt: string | null }[];
  audit: { action: string; reason: string | null; createdAt: string }[];
}

export interface ReminderRequest {
  filter: { status?: string; track?: string; inactiveDays?: number; memberIds?: string[] };
  subject: { en: string; fr: string };
  body: { en: string; fr: string };
  dryRun?: boolean;
}

/** GET and POST /api/unsubscribe/:token: whether the member of a reminder's link still gets reminders. */
export interface UnsubscribeStatus {
  unsubscribed: boolean;
  unsubscribedAt: string | null;
}

export interface InvitationOutcome {
  enrolled: string[];
  invited: string[];
  alreadyEnrolled: string[];
  invalid: string[];
}

export interface Invitation {
  email: string;
  status: 'invited' | 'enrolled';
  track: string | null;
  invitedAt: string;
  enrolledAt: string | null;
  memberId: string | null;
}

/** POST /api/verify/credential: what an outside check of a credential found. */
export interface CredentialCheck {
  id: 'signature' | 'issuer' | 'status' | 'expiry' | 'schema';
  ok: boolean;
  message: string;
}

export interface CredentialVerification {
  verified: boolean;
  checks: CredentialCheck[];
  certificate?: { serial: string; holderName: string; module: { slug: string; title: string }; status: string };
}

/** GET and PUT /api/modules/:slug/reminder-rules: reminders that go out on their own. */
export interface ReminderRule {
  key: string;
  kind: 'inactive' | 'before-close' | 'before-event' | 'before-expiry';
  days: number;
  subject: { en: string; fr: string };
  body: { en: string; fr: string };
  enabled: boolean;
}
