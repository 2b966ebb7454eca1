import type { MemberPosition } from './member-cursor';

export interface MemberFilter {
  status?: 'in_progress' | 'completed';
  track?: string;
  /** Part of the member's name or email, any case. */
  query?: string;
  /** No activity for at least this many days; completed members are left out. */
  inactiveDays?: number;
  /** Members whose current item is in this unit (the unit they reached). */
  currentUnitId?: string;
}

/** A member-list row as progress holds it; the service adds the name and email from the auth lib. */
export interface ListedEnrolment {
  memberId: string;
  track: string | null;
  status: 'in_progress' | 'completed';
  completedItems: number;
  totalItems: number;
  enrolledAt: Date;
  completedAt: Date | null;
  certificateSerial: string | null;
  lastActivityAt: Date;
  currentItemId: string | null;
  /** The enrolment this one renews; null for a first enrolment. */
  renewalOf: string | null;
}

export interface MemberRow extends ListedEnrolment {
  name: string;
  email: string;
}

/** A page asked for by number (OFFSET) or as the rows after a position (keyset). */
export type MemberWindow = { page: number } | { after: MemberPosition };

/** The SQL shared by the member page and the member export: the filter and the select in enrolment order. */
export function memberWhere(moduleId: string, filter: MemberFilter) {
  const parameters: unknown[] = [moduleId];
  // One row per member: their current enrolment (a renewed one is history; the row shows the renewal).
  let where = 'e.module_id = $1 AND e.current';
  if (filter.status) {
    parameters.push(filter.status);
    where += ` AND e.status = $${parameters.length}`;
  }
  if (filter.track) {
    parameters.push(filter.track);
    where += ` AND e.track = $${parameters.length}`;
  }
  if (filter.inactiveDays !== undefined) {
    parameters.push(filter.inactiveDays);
    where += ` AND e.status = 'in_progress' AND e.last_activity_at <= now() - $${parameters.length}::int * interval '1 day'`;
  }
  if (filter.currentUnitId) {
    parameters.push(filter.currentUnitId);
    where += ` AND e.status = 'in_progress' AND e.current_unit_id = $${parameters.length}`;
  }
  if (filter.query) {
    // The search text is matched literally: %, _ and \ typed by staff are not patterns.
    parameters.push(`%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += ` AND e.member_id IN (SELECT id FROM auth.users WHERE name ILIKE $${parameters.length} OR email ILIKE $${parameters.length})`;
  }
  return { where, parameters };
}

const LISTED_COLUMNS = `e.member_id AS "memberId", e.track, e.status, e.completed_items AS "completedItems",
         e.total_items AS "totalItems", e.enrolled_at AS "enrolledAt", e.completed_at AS "completedAt",
         CASE WHEN c.status = 'issued' THEN c.serial END AS "certificateSerial",
         e.last_activity_at AS "lastActivityAt", e.current_item_id AS "currentItemId", e.renewal_of AS "renewalOf"`;

const POSITION_COLUMNS = `e.id AS "enrolmentId", (extract(epoch FROM e.enrolled_at) * 1000000)::bigint::text AS "enrolledAtMicros"`;

/** A time as Date#toISOString writes it (UTC, milliseconds cut, not rounded, as a Date made from it keeps them). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The export's columns, in ExportedRow's order. */
const EXPORTED_COLUMNS = `e.member_id, e.track, e.status, e.completed_items, e.total_items, ${iso('e.enrolled_at')},
         ${iso('e.completed_at')}, CASE WHEN c.status = 'issued' THEN c.serial END, ${iso('e.last_activity_at')},
         e.current_item_id, e.renewal_of IS NOT NULL`;

/**
 * A member-list row as the export reads it: each column as PostgreSQL's text (an array, no type parsing),
 * the times already in ISO 8601. A row is then an array of short strings the garbage collector reclaims at
 * once, not an object with three Dates (bench part c: the server's memory during a 100,000-row export).
 */
export type ExportedRow = [
  memberId: string,
  track: string | null,
  status: 'in_progress' | 'completed',
  completedItems: string,
  totalItems: string,
  enrolledAt: string,
  completedAt: string | null,
  certificateSerial: string | null,
  lastActivityAt: string,
  currentItemId: string | null,
  /** PostgreSQL's boolean text: whether the enrolment renews another. */
  renewal: 't' | 'f',
];

/** The filtered enrolments in enrolment order, joined to their certificates for just those rows. */
const orderedMembers = (where: string, limit: string, columns: string) => `
  SELECT ${columns}
    FROM (SELECT e.id, e.member_id, e.track, e.status, e.completed_items, e.total_items, e.enrolled_at, e.completed_at,
                 e.last_activity_at, e.current_item_id, e.renewal_of
            FROM progress.enrolments e
           WHERE ${where}
           ORDER BY e.enrolled_at, e.id ${limit}) e
    LEFT JOIN progress.enrolment_certificates c ON c.enrolment_id = e.id
   ORDER BY e.enrolled_at, e.id`;

/**
 * One page in enrolment order: enrolments first, then serials for just those rows (names and emails come
 * from the auth lib for the same rows); each row also carries where it stands in that order, exactly.
 */
export const memberPageSelect = (where: string, limit: string) =>
  orderedMembers(where, limit, `${LISTED_COLUMNS}, ${POSITION_COLUMNS}`);

/** The whole list in enrolment order, as ExportedRow arrays. */
export const memberExportSelect = (where: string) => orderedMembers(where, '', EXPORTED_COLUMNS);
