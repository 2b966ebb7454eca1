import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';
import type { ReminderRuleDto } from './reminder-rule.dto';
import { EnrolmentRecipientRow, RECIPIENT_COLUMNS } from './reminder.repository';

export interface ReminderRuleRow extends ReminderRuleDto {
  moduleId: string;
  moduleSlug: string;
}

/** A rule's recipient, with the occasion it is reminded of (part of the message's dedupe key). */
export interface RuleRecipientRow extends EnrolmentRecipientRow {
  occasion: string;
}

const RULE_COLUMNS = `module_id AS "moduleId", module_slug AS "moduleSlug", key, kind, days, subject, body, enabled`;

@Injectable()
export class ReminderRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  forModule(moduleId: string): Promise<ReminderRuleRow[]> {
    return rowsOf<ReminderRuleRow>(
      this.dataSource.manager,
      `SELECT ${RULE_COLUMNS} FROM progress.reminder_rules WHERE module_id = $1 ORDER BY position`,
      [moduleId],
    );
  }

  /** Enabled rules of every module (or of one), in module and authored order. */
  enabled(moduleSlug: string | null): Promise<ReminderRuleRow[]> {
    return rowsOf<ReminderRuleRow>(
      this.dataSource.manager,
      `SELECT ${RULE_COLUMNS} FROM progress.reminder_rules
        WHERE enabled AND ($1::text IS NULL OR module_slug = $1) ORDER BY module_slug, position`,
      [moduleSlug],
    );
  }

  /** Replaces a module's rules with these, in this order. */
  async replace(
    manager: EntityManager,
    module: { id: string; slug: string },
    rules: ReminderRuleDto[],
    updatedBy: string,
  ): Promise<void> {
    await manager.query(`DELETE FROM progress.reminder_rules WHERE module_id = $1 AND NOT (key = ANY($2::text[]))`, [
      module.id,
      rules.map((rule) => rule.key),
    ]);
    if (!rules.length) return;
    await manager.query(
      `INSERT INTO progress.reminder_rules (module_id, module_slug, key, position, kind, days, subject, body, enabled, updated_by)
       SELECT $1, $2, r.key, r.position, r.kind, r.days, r.subject, r.body, r.enabled, $4
         FROM jsonb_to_recordset($3::jsonb)
           AS r(key text, position int, kind text, days int, subject jsonb, body jsonb, enabled boolean)
       ON CONFLICT (module_id, key) DO UPDATE
         SET module_slug = excluded.module_slug, position = excluded.position, kind = excluded.kind,
             days = excluded.days, subject = excluded.subject, body = excluded.body, enabled = excluded.enabled,
             updated_by = excluded.updated_by, updated_at = now()`,
      [module.id, module.slug, JSON.stringify(rules.map((rule, position) => ({ ...rule, position }))), updatedBy],
    );
  }

  /**
   * In-progress members due a rule's reminder, each with the occasion: for `inactive`, the inactivity
   * spell (its start, to the microsecond), so a member who comes back and stops again is reminded again.
   */
  inactive(moduleId: string, days: number): Promise<RuleRecipientRow[]> {
    return rowsOf<RuleRecipientRow>(
      this.dataSource.manager,
      `SELECT ${RECIPIENT_COLUMNS},
              (extract(epoch FROM e.last_activity_at) * 1000000)::bigint::text AS occasion
         FROM progress.enrolments e
        WHERE e.module_id = $1 AND e.status = 'in_progress' AND e.current
          AND e.last_activity_at <= now() - $2::int * interval '1 day'`,
      [moduleId, days],
    );
  }

  /** Every member still in progress (the module is about to close), with a fixed occasion. */
  inProgress(moduleId: string, occasion: string): Promise<RuleRecipientRow[]> {
    return rowsOf<RuleRecipientRow>(
      this.dataSource.manager,
      `SELECT ${RECIPIENT_COLUMNS}, $2::text AS occasion
         FROM progress.enrolments e
        WHERE e.module_id = $1 AND e.status = 'in_progress' AND e.current`,
      [moduleId, occasion],
    );
  }

  /**
   * Members holding an issued certificate of the module that ends within `days` days (not yet ended),
   * with the certificate's end as the occasion. A renewal's certificate supersedes the old one, so a
   * renewed member is no longer due; one whose renewal is under way still is (the old one still ends).
   */
  expiring(moduleId: string, days: number): Promise<RuleRecipientRow[]> {
    return rowsOf<RuleRecipientRow>(
      this.dataSource.manager,
      `SELECT ${RECIPIENT_COLUMNS},
              'expiry' || (extract(epoch FROM c.valid_until) * 1000)::bigint::text AS occasion
         FROM progress.enrolment_certificates c
         JOIN progress.enrolments e ON e.id = c.enrolment_id
        WHERE c.status = 'issued' AND c.valid_until IS NOT NULL
          AND c.valid_until > now() AND c.valid_until <= now() + $2::int * interval '1 day'
          AND e.module_id = $1`,
      [moduleId, days],
    );
  }

  /** Members in progress whose track has this live session and who have not attended it yet. */
  notAttended(
    moduleId: string,
    itemId: string,
    tracks: string[] | null,
    occasion: string,
  ): Promise<RuleRecipientRow[]> {
    return rowsOf<RuleRecipientRow>(
      this.dataSource.manager,
      `SELECT ${RECIPIENT_COLUMNS}, $4::text AS occasion
         FROM progress.enrolments e
        WHERE e.module_id = $1 AND e.status = 'in_progress' AND e.current
          AND ($3::text[] IS NULL OR e.track = ANY($3::text[]))
          AND NOT EXISTS (SELECT 1 FROM progress.item_completions c WHERE c.enrolment_id = e.id AND c.item_id = $2)`,
      [moduleId, itemId, tracks, occasion],
    );
  }
}
