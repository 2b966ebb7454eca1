import { Injectable, Logger } from '@nestjs/common';
import { AuditService, AuthUser } from '@greenlight/auth';
import { CatalogReader, ModuleSnapshot } from '@greenlight/course';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import type { ReminderRuleDto } from './reminder-rule.dto';
import { ReminderRuleRepository, ReminderRuleRow, RuleRecipientRow } from './reminder-rule.repository';
import { ReminderService } from './reminder.service';

const DAY_MS = 24 * 3600 * 1000;

export interface RuleRunOutcome {
  module: string;
  rule: string;
  queued: number;
  skipped: number;
}

/**
 * Reminder rules run on their own (ReminderRulesProcessor, on a job scheduler). A rule's reminder to
 * a member is written under the dedupe key `rule-<module>-<rule>-<occasion>-<member>`, so each member
 * hears once per rule and occasion however many runs see them: overlapping runs, a run retried after
 * its worker died, the next scheduled run.
 */
@Injectable()
export class ReminderRuleService {
  private readonly logger = new Logger(ReminderRuleService.name);

  constructor(
    private readonly rules: ReminderRuleRepository,
    private readonly reminders: ReminderService,
    private readonly catalog: CatalogReader,
    private readonly audit: AuditService,
  ) {}

  async list(slug: string): Promise<ReminderRuleDto[]> {
    const snapshot = await this.snapshot(slug);
    return (await this.rules.forModule(snapshot.moduleId)).map(publicRule);
  }

  async replace(actor: AuthUser, slug: string, rules: ReminderRuleDto[]): Promise<ReminderRuleDto[]> {
    const snapshot = await this.snapshot(slug);
    const expires = 'validForMonths' in snapshot.certificate && Boolean(snapshot.certificate.validForMonths);
    const expiry = rules.findIndex((rule) => rule.kind === 'before-expiry');
    if (expiry >= 0 && !expires) {
      throw new ProgressException(
        ProgressExceptionCode.RuleNotApplicable,
        `[${expiry}].kind: a before-expiry rule needs a module whose certificates expire (certificate.validForMonths)`,
      );
    }
    await this.rules.transaction(async (manager) => {
      await this.rules.replace(manager, { id: snapshot.moduleId, slug: snapshot.slug }, rules, actor.id);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'progress.reminder_rules_changed',
          subjectType: 'module',
          subjectId: snapshot.moduleId,
          details: { moduleSlug: snapshot.slug, rules: rules.map((r) => ({ key: r.key, kind: r.kind, days: r.days })) },
        },
        manager,
      );
    });
    return this.list(slug);
  }

  /** One run: every enabled rule of every module (or of one module), each member reminded once per occasion. */
  async run(moduleSlug: string | null, now = new Date()): Promise<RuleRunOutcome[]> {
    const outcomes: RuleRunOutcome[] = [];
    for (const rule of await this.rules.enabled(moduleSlug)) {
      const snapshot = await this.catalog.getLatestPublished(rule.moduleSlug);
      if (!snapshot) continue;
      const recipients = await this.reminders.addressed(await this.recipients(rule, snapshot, now));
      if (!recipients.length) continue;
      const { queued, skipped } = await this.reminders.deliver(
        snapshot,
        recipients,
        rule,
        (r) => `rule-${rule.moduleId}-${rule.key}-${r.occasion}-${r.memberId}`,
      );
      outcomes.push({ module: rule.moduleSlug, rule: rule.key, queued, skipped: skipped.length });
      if (queued) this.logger.log(`Reminder rule ${rule.moduleSlug}/${rule.key}: ${queued} queued`);
    }
    return outcomes;
  }

  private async recipients(rule: ReminderRuleRow, snapshot: ModuleSnapshot, now: Date): Promise<RuleRecipientRow[]> {
    const within = (at: string) => {
      const time = Date.parse(at);
      return time > now.getTime() && time - rule.days * DAY_MS <= now.getTime();
    };
    switch (rule.kind) {
      case 'inactive':
        return this.rules.inactive(snapshot.moduleId, rule.days);
      case 'before-close':
        return snapshot.closesAt && within(snapshot.closesAt)
          ? this.rules.inProgress(snapshot.moduleId, `close${Date.parse(snapshot.closesAt)}`)
          : [];
      case 'before-event': {
        const due: RuleRecipientRow[] = [];
        for (const unit of snapshot.units) {
          for (const item of unit.items) {
            if (item.kind !== 'event' || !within(item.startsAt)) continue;
            const occasion = `event${item.id}${Date.parse(item.startsAt)}`;
            due.push(
              ...(await this.rules.notAttended(
                snapshot.moduleId,
                item.id,
                unit.tracks.length ? unit.tracks : null,
                occasion,
              )),
            );
          }
        }
        return due;
      }
      case 'before-expiry':
        return this.rules.expiring(snapshot.moduleId, rule.days);
    }
  }

  private async snapshot(slug: string): Promise<ModuleSnapshot> {
    const snapshot = await this.catalog.getLatestPublished(slug);
    if (!snapshot) throw new ProgressException(ProgressExceptionCode.ModuleNotFound, `No module "${slug}"`);
    return snapshot;
  }
}

function publicRule(row: ReminderRuleRow): ReminderRuleDto {
  return { key: row.key, kind: row.kind, days: row.days, subject: row.subject, body: row.body, enabled: row.enabled };
}
