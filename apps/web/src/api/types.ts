// The shapes the front end reads, named from the API's own OpenAPI document: `schema.d.ts` is generated from
// the server's response DTOs (`npm run openapi`), so a server change that breaks a page fails the typecheck.
// Only what the front end sends (answers, reminder requests) is written here by hand.
import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['User'];
/** GET /api/auth/me: the signed-in user, and whether the session came through the single sign-on provider. */
export type Me = Schemas['Me'];
export type Role = User['role'];
export type Locale = User['locale'];
/** GET /api/auth/providers: how this site signs people in. */
export type SignInOptions = Schemas['SignInOptions'];
export type Session = Schemas['Session'];

export type Track = Schemas['Track'];
export type ModuleSummary = Schemas['ModuleSummary'];
export type Option = Schemas['Option'];
export type Question = Schemas['Question'];
export type QuestionType = Question['type'];
/** How a prompt is written (GIFT's [plain], [markdown], [html], [moodle]). */
export type TextFormat = Question['format'];
export type LessonItem = Schemas['LessonItem'];
export type QuizItem = Schemas['QuizItem'];
export type EventItem = Schemas['EventItem'];
export type Item = Schemas['Item'];
export type Unit = Schemas['Unit'];
export type ModuleDetail = Schemas['ModuleDetail'];
/** The saved draft, one track of it, as staff preview it. */
export type PreviewModule = Schemas['PreviewModule'];

export type Enrolment = Schemas['Enrolment'];
export type QuizAttempt = Schemas['QuizAttempt'];
/** An earlier attempt at a quiz, as GET …/attempts lists them. */
export type PastAttempt = Schemas['PastAttempt'];
export type PreviewAttempt = Schemas['PreviewAttempt'];
/**
 * What the quiz form shows of a graded attempt: one just submitted, an earlier one with the attempts left now,
 * or a staff preview's (which has no attempts to count).
 */
export type GradedAttempt = Pick<PastAttempt, 'score' | 'passed' | 'answers' | 'results'> &
  Pick<QuizAttempt, 'attemptsLeft'>;

/** One question's answer as an attempt sends it. */
export type Answer = string | string[] | boolean | number | Record<string, string>;

export type Certificate = Schemas['Certificate'];
export type Verification = Schemas['Verification'];
export type SignedCredential = Schemas['SignedCredential'];

export type ModuleReportRow = Schemas['ModuleReportRow'];
export type MissedQuestion = Schemas['MissedQuestion'];
export type ModuleReport = Schemas['ModuleReport'];
export type MemberRow = Schemas['MemberRow'];
export type MemberPage = Schemas['MemberPage'];
export type CertificatePage = Schemas['CertificatePage'];
export type UserPage = Schemas['UserPage'];
export type MonthlyCompletions = Schemas['MonthlyCompletions'];
export type AttendanceResult = Schemas['AttendanceResult'];

// Running a program (issue 15): the member page and reminders.
export type MemberItem = Schemas['MemberItem'];
export type MemberEnrolment = Schemas['MemberEnrolment'];
export type MemberDetail = Schemas['MemberDetail'];

export interface ReminderRequest {
  filter: { status?: string; track?: string; inactiveDays?: number; memberIds?: string[] };
  subject: { en: string; fr: string };
  body: { en: string; fr: string };
  dryRun?: boolean;
}
export type ReminderRecipients = Schemas['ReminderRecipients'];
export type RemindersQueued = Schemas['RemindersQueued'];

/** GET and POST /api/unsubscribe/:token: whether the member of a reminder's link still gets reminders. */
export type UnsubscribeStatus = Schemas['UnsubscribeStatus'];

export type InvitationOutcome = Schemas['InvitationOutcome'];
export type Invitation = Schemas['Invitation'];

/** POST /api/verify/credential: what an outside check of a credential found. */
export type CredentialVerification = Schemas['CredentialVerification'];
export type CredentialCheck = CredentialVerification['checks'][number];

/** GET and PUT /api/modules/:slug/reminder-rules: reminders that go out on their own. */
export type ReminderRule = Schemas['ReminderRule'];
