import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rowsOf } from '@greenlight/database';

export interface RecipientFilter {
  status?: 'in_progress' | 'completed';
  track?: string;
  inactiveDays?: number;
  memberIds?: string[];
}

/** Who is due a reminder, as progress knows them: the enrolment, without the member's contact. */
export interface EnrolmentRecipientRow {
  memberId: string;
  enrolmentId: string;
  status: 'in_progress' | 'completed';
  completedItems: number;
  totalItems: number;
}

/** The columns of a recipient, shared with the rules' queries. */
export const RECIPIENT_COLUMNS = `e.member_id AS "memberId", e.id AS "enrolmentId", e.status,
  e.completed_items AS "completedItems", e.total_items AS "totalItems"`;

/** At most this many recipients of one staff reminder: the first enrolled (then listed by name). */
const MAX_RECIPIENTS = 5000;

/**
 * A module's reminder recipients: progress decides who (it owns activity) from its own tables; names,
 * emails and languages are the auth lib's, added by ReminderService through UsersRepository.
 */

@Injectable()
export class ReminderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  recipients(moduleId: string, filter: RecipientFilter): Promise<EnrolmentRecipientRow[]> {
    const parameters: unknown[] = [moduleId];
    // One row per member: their current enrolment (a renewed one is history).
    let where = 'e.module_id = $1 AND e.current';
    const add = (clause: (n: number) => string, value: unknown) => {
      parameters.push(value);
      where += ` AND ${clause(parameters.length)}`;
    };
    if (filter.status) add((n) => `e.status = $${n}`, filter.status);
    if (filter.track) add((n) => `e.track = $${n}`, filter.track);
    if (filter.inactiveDays !== undefined) {
      add(
        (n) => `e.status = 'in_progress' AND e.last_activity_at <= now() - $${n}::int * interval '1 day'`,
        filter.inactiveDays,
      );
    }
    if (filter.memberIds) add((n) => `e.member_id = ANY($${n}::uuid[])`, filter.memberIds);
    return rowsOf<EnrolmentRecipientRow>(
      this.dataSource.manager,
      `SELECT ${RECIPIENT_COLUMNS} FROM progress.enrolments e
        WHERE ${where} ORDER BY e.enrolled_at, e.id LIMIT ${MAX_RECIPIENTS}`,
      parameters,
    );
  }
}
