import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MemberPosition, microsToIso } from './member-cursor';
import { ListedEnrolment, MemberFilter, memberPageSelect, memberWhere, MemberWindow } from './member-list.sql';
import { ReportCountsRepository } from './report-counts.repository';

interface MemberPageRow extends ListedEnrolment {
  enrolmentId: string;
  /** enrolled_at in microseconds as text: a JavaScript Date keeps only milliseconds. */
  enrolledAtMicros: string;
}

/**
 * Pages of a module's member list through an index on (module, [status,] enrolled_at, id); names and
 * emails are the auth lib's (`UsersRepository.contactsOf`), read by the service for each page. The
 * search filter is the one read of auth.users here: see docs/progress.md, "Reading members".
 */
@Injectable()
export class MemberPageRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counts: ReportCountsRepository,
  ) {}

  /**
   * One page of the member list, and the position after its last row when more rows follow. The page
   * is cut from the index first and only its rows are joined to certificates (so a page costs an index walk,
   * not a sort of the whole module). By number, the walk skips every earlier row (OFFSET: deep pages
   * cost in proportion to their depth); after a position, it starts there (keyset: every page costs
   * the same). One row more than the page is read to know whether another page follows. The total
   * comes from the counters unless a track or search filter needs a count.
   */
  async memberPage(
    moduleId: string,
    filter: MemberFilter,
    window: MemberWindow,
    pageSize: number,
  ): Promise<{ rows: ListedEnrolment[]; total: number; next: MemberPosition | null }> {
    const { where, parameters } = memberWhere(moduleId, filter);
    let pageWhere = where;
    let pageParameters = parameters;
    let limit = `LIMIT ${pageSize + 1}`;
    if ('after' in window) {
      pageParameters = [...parameters, microsToIso(window.after.enrolledAtMicros), window.after.enrolmentId];
      const n = pageParameters.length;
      // A row comparison on the index's own columns: the scan starts at the position instead of filtering.
      pageWhere += ` AND (e.enrolled_at, e.id) > ($${n - 1}::timestamptz, $${n}::uuid)`;
    } else {
      limit += ` OFFSET ${(window.page - 1) * pageSize}`;
    }
    const [fetched, total]: [MemberPageRow[], number] = await Promise.all([
      this.dataSource.query(memberPageSelect(pageWhere, limit), pageParameters),
      this.memberTotal(moduleId, filter, where, parameters),
    ]);
    const rows = fetched.slice(0, pageSize);
    const last = rows[rows.length - 1];
    const next =
      fetched.length > pageSize
        ? { enrolledAtMicros: BigInt(last.enrolledAtMicros), enrolmentId: last.enrolmentId }
        : null;
    return { rows, total, next };
  }

  private async memberTotal(moduleId: string, filter: MemberFilter, where: string, parameters: unknown[]) {
    if (!filter.track && !filter.query && filter.inactiveDays === undefined && !filter.currentUnitId) {
      const counts = await this.counts.countsOf(moduleId);
      if (!filter.status) return counts.enrolled;
      return filter.status === 'completed' ? counts.completed : counts.enrolled - counts.completed;
    }
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM progress.enrolments e WHERE ${where}`,
      parameters,
    );
    return row.total as number;
  }
}
