import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Locale } from '@greenlight/common';
import { rowsOf } from '@greenlight/database';

export interface RecipientFilter {
  status?: 'in_progress' | 'completed';
  track?: string;
  inactiveDays?: number;
  memberIds?: string[];
}

export interface RecipientRow {
  memberId: string;
  enrolmentId: string;
  email: string;
  name: string;
  locale: Locale;
  status: 'in_progress' | 'completed';
  completedItems: number;
  totalItems: number;
}

/** A module's reminder recipients: progress decides who (it owns activity); names come from auth read-only. */
const MAX_RECIPIENTS = 5000;

@Injectable()
export class ReminderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  recipients(moduleId: string, filter: RecipientFilter): Promise<RecipientRow[]> {
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
    return rowsOf<RecipientRow>(
      this.dataSource.manager,
      `SELECT e.member_id AS "memberId", e.id AS "enrolmentId", u.email, u.name, u.locale, e.status,
              e.completed_items AS "completedItems", e.total_items AS "totalItems"
         FROM progress.enrolments e JOIN auth.users u ON u.id = e.member_id
        WHERE ${where} ORDER BY u.name, u.id LIMIT ${MAX_RECIPIENTS}`,
      parameters,
    );
  }
}
