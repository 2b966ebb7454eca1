import { Injectable } from '@nestjs/common';
import { UsersRepository } from '@greenlight/auth';
import { Locale, localize } from '@greenlight/common';
import { CatalogReader, ModuleSnapshot, QuizItem } from '@greenlight/course';
import { percentOf } from '../enrolments/enrolment-view';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import { encodeMemberCursor } from './member-cursor';
import { membersCsv, pendingLine } from './members-csv';
import { MemberExportRepository } from './member-export.repository';
import { ListedEnrolment, MemberFilter, MemberRow, MemberWindow } from './member-list.sql';
import { MemberPageRepository } from './member-page.repository';
import { OutboxStatusRepository } from './outbox-status.repository';
import { ModuleCounts, QuestionCounts, ReportCountsRepository } from './report-counts.repository';

const MOST_MISSED = 5;
/** The module page's "stuck members" per unit: in progress, no activity for this many days. */
export const STUCK_AFTER_DAYS = 14;

/** A share as a fraction 0–1, four decimals; 0 when there is nothing to divide. */
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);

function headline(counts: ModuleCounts) {
  return {
    enrolled: counts.enrolled,
    inProgress: counts.enrolled - counts.completed,
    completed: counts.completed,
    completionRate: rate(counts.completed, counts.enrolled),
    renewals: counts.renewals,
    renewalsInProgress: counts.renewals - counts.renewalsCompleted,
    renewalsCompleted: counts.renewalsCompleted,
  };
}

@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportCountsRepository,
    private readonly memberPages: MemberPageRepository,
    private readonly memberExport: MemberExportRepository,
    private readonly outboxes: OutboxStatusRepository,
    private readonly catalog: CatalogReader,
    private readonly users: UsersRepository,
  ) {}

  /** Every published module with its headline numbers: O(modules), whatever the number of members. */
  async overview(locale: Locale) {
    const [snapshots, counts] = await Promise.all([this.catalog.listLatestPublished(), this.reports.moduleCounts()]);
    return snapshots
      .map((snapshot) => ({
        slug: snapshot.slug,
        title: localize(snapshot.title, locale),
        ...headline(counts.get(snapshot.moduleId) ?? { enrolled: 0, completed: 0, renewals: 0, renewalsCompleted: 0 }),
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug));
  }

  /**
   * Completions per month over the last `months` calendar months (UTC), the current one included, every
   * month present (0 when none): the dashboard's chart, computed here whatever the number of members.
   */
  async completionsByMonth(months: number, now = new Date()) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
    const counted = new Map(
      (await this.reports.completionsByMonth(first)).map((row) => [row.month, row.completions] as const),
    );
    return Array.from({ length: months }, (_, index) => {
      const month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + index, 1))
        .toISOString()
        .slice(0, 7);
      return { month, completions: counted.get(month) ?? 0 };
    });
  }

  /**
   * One module: the headline, the median days to complete, completions per unit, attempts and pass
   * rate per quiz, and the questions most often missed. Units and quizzes are those of the newest
   * version; ids are stable across versions, so older enrolments count towards the same rows.
   */
  async module(slug: string, locale: Locale) {
    const snapshot = await this.snapshot(slug);
    const [counts, median, units, quizzes, questions, stuck] = await Promise.all([
      this.reports.countsOf(snapshot.moduleId),
      this.reports.medianDaysToComplete(snapshot.moduleId),
      this.reports.unitCompletions(snapshot.moduleId),
      this.reports.quizCounts(snapshot.moduleId),
      this.reports.questionCounts(snapshot.moduleId),
      this.reports.stuckByUnit(snapshot.moduleId, STUCK_AFTER_DAYS),
    ]);
    const quizItems = snapshot.units.flatMap((unit) =>
      unit.items.filter((item): item is QuizItem => item.kind === 'quiz').map((item) => ({ unit, item })),
    );
    const missed = missedQuestions(quizItems, questions, locale);
    return {
      slug: snapshot.slug,
      title: localize(snapshot.title, locale),
      version: snapshot.version,
      ...headline(counts),
      medianDaysToComplete: median === null ? null : Math.round(median * 10) / 10,
      units: snapshot.units.map((unit) => ({
        id: unit.id,
        key: unit.key,
        title: localize(unit.title, locale),
        tracks: unit.tracks,
        completed: units.get(unit.id) ?? 0,
        stuck: stuck.get(unit.id) ?? 0,
      })),
      stuckAfterDays: STUCK_AFTER_DAYS,
      quizzes: quizItems.map(({ unit, item }) => {
        const quiz = quizzes.get(item.id) ?? { attempts: 0, passed: 0 };
        return {
          itemId: item.id,
          itemKey: item.key,
          unitKey: unit.key,
          title: localize(item.title, locale),
          attempts: quiz.attempts,
          passed: quiz.passed,
          passRate: rate(quiz.passed, quiz.attempts),
          mostMissed: missed.filter((q) => q.itemId === item.id).slice(0, MOST_MISSED),
        };
      }),
      mostMissed: missed.slice(0, MOST_MISSED),
    };
  }

  /**
   * One page of the member list, by number or after a cursor. `nextCursor` (null on the last page)
   * continues from either; `page` is null for a page asked for by cursor, whose number is not known
   * without counting every row before it, which is the cost the cursor avoids.
   */
  async members(slug: string, filter: ReportMemberFilter, window: MemberWindow, pageSize: number, locale: Locale) {
    const snapshot = await this.snapshot(slug);
    const page = await this.memberPages.memberPage(
      snapshot.moduleId,
      this.resolveUnit(snapshot, filter),
      window,
      pageSize,
    );
    const { total, next } = page;
    const rows = await this.named(page.rows);
    const items = new Map(snapshot.units.flatMap((unit) => unit.items.map((item) => [item.id, item])));
    return {
      items: rows.map((row) => {
        const current = row.currentItemId ? items.get(row.currentItemId) : undefined;
        return {
          ...memberView(row),
          currentItem: current ? { key: current.key, title: localize(current.title, locale) } : null,
        };
      }),
      total,
      page: 'page' in window ? window.page : null,
      pageSize,
      nextCursor: next ? encodeMemberCursor(next) : null,
    };
  }

  /** The member list as CSV text chunks, read from the database as the client takes them. */
  async membersCsv(slug: string, filter: ReportMemberFilter): Promise<AsyncGenerator<string>> {
    const snapshot = await this.snapshot(slug);
    const keys = new Map(snapshot.units.flatMap((unit) => unit.items.map((item) => [item.id, item.key])));
    const toLine = pendingLine((id) => (id ? (keys.get(id) ?? null) : null));
    const lines = this.memberExport.streamMembers(snapshot.moduleId, this.resolveUnit(snapshot, filter), toLine);
    return membersCsv(lines, (ids) => this.users.contactsOf(ids));
  }

  /** Names and emails for a page or batch, from the auth lib (a member it no longer has is left out). */
  private async named(rows: ListedEnrolment[]): Promise<MemberRow[]> {
    const contacts = await this.users.contactsOf(rows.map((row) => row.memberId));
    return rows.flatMap((row) => {
      const contact = contacts.get(row.memberId);
      return contact ? [{ ...row, name: contact.name, email: contact.email }] : [];
    });
  }

  /** The unit a member reached, by key, becomes the ids of its items (a key the module lacks is a 400). */
  private resolveUnit(snapshot: ModuleSnapshot, { unit, ...filter }: ReportMemberFilter): MemberFilter {
    if (unit === undefined) return filter;
    const found = snapshot.units.find((candidate) => candidate.key === unit);
    if (!found) {
      throw new ProgressException(ProgressExceptionCode.UnknownUnit, 'No such unit', [
        `unit: must be one of ${snapshot.units.map((u) => u.key).join(', ')}`,
      ]);
    }
    return { ...filter, currentUnitId: found.id };
  }

  async outbox() {
    const status = await this.outboxes.outboxStatus();
    return {
      pending: status.pending,
      retrying: status.retrying,
      oldestPendingAt: status.oldestPendingAt ? new Date(status.oldestPendingAt).toISOString() : null,
      lastError: status.lastError,
    };
  }

  private async snapshot(slug: string): Promise<ModuleSnapshot> {
    const snapshot = await this.catalog.getLatestPublished(slug);
    if (!snapshot) throw new ProgressException(ProgressExceptionCode.ModuleNotFound, `No module "${slug}"`);
    return snapshot;
  }
}

export type ReportMemberFilter = Omit<MemberFilter, 'currentUnitId'> & { unit?: string };

function memberView(row: MemberRow) {
  return {
    memberId: row.memberId,
    name: row.name,
    email: row.email,
    track: row.track,
    status: row.status,
    percent: percentOf(row.completedItems, row.totalItems, row.status === 'completed'),
    enrolledAt: new Date(row.enrolledAt).toISOString(),
    completedAt: row.completedAt ? new Date(row.completedAt).toISOString() : null,
    certificateSerial: row.certificateSerial,
    lastActivityAt: new Date(row.lastActivityAt).toISOString(),
    renewalOf: row.renewalOf,
  };
}

/** Questions of the newest version by how often they were missed (share of answers), worst first. */
function missedQuestions(quizItems: { item: QuizItem }[], counts: QuestionCounts[], locale: Locale) {
  const byQuestion = new Map(counts.map((c) => [c.questionId, c]));
  return quizItems
    .flatMap(({ item }) =>
      item.questions.map((question) => {
        const c = byQuestion.get(question.id) ?? { answered: 0, missed: 0 };
        return {
          itemId: item.id,
          itemKey: item.key,
          questionId: question.id,
          key: question.key,
          prompt: localize(question.prompt, locale),
          answered: c.answered,
          missed: c.missed,
          missRate: rate(c.missed, c.answered),
        };
      }),
    )
    .filter((q) => q.missed > 0)
    .sort((a, b) => b.missRate - a.missRate || b.missed - a.missed || a.key.localeCompare(b.key));
}
