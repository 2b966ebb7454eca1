import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { HealthDetails, MetricsRegistry } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogReader, CourseException } from '@greenlight/course';
import { OutboxEventType, writeOutboxEvents } from '@greenlight/queue';
import { BacklogRow, CertificateReconciliationRepository } from './certificate-reconciliation.repository';

export interface CertificateBacklog {
  /** Completed enrolments of certificate modules that progress has heard of no certificate for. */
  waiting: number;
  /** Of those, the ones past RECONCILE_AFTER_S: the sweep asks for them again. */
  overdue: number;
}

const SWEEP_BATCH = 500;
/** The backlog is an anti-join over every completed enrolment: health checks and scrapes share one count. */
const BACKLOG_CACHE_MS = 5000;

/**
 * Closes the last gap in "completion → certificate": a Redis that lost queued jobs (no persistence,
 * killed) leaves completions whose outbox rows were published but whose certificates never came. The
 * sweep finds completed enrolments of certificate modules with no certificate after the grace period
 * and writes `module.completed` again to the progress outbox, under a job id of its own; issuing is
 * idempotent, so an enrolment that did get its certificate (and only its news was lost) just has the
 * news sent again. The waits between asks about one enrolment double.
 */
@Injectable()
export class CertificateReconciliationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateReconciliationService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private cached?: { at: number; backlog: Promise<CertificateBacklog> };

  constructor(
    private readonly repository: CertificateReconciliationRepository,
    private readonly catalog: CatalogReader,
    private readonly health: HealthDetails,
    private readonly metrics: MetricsRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register('certificateBacklog', () => this.backlog());
    const backlog = () => this.backlog();
    new Gauge({
      name: 'greenlight_certificate_backlog',
      help: 'Completed enrolments of certificate modules with no certificate yet (state="overdue": past RECONCILE_AFTER_S)',
      labelNames: ['state'],
      registers: [this.metrics],
      async collect() {
        const { waiting, overdue } = await backlog();
        this.set({ state: 'waiting' }, waiting);
        this.set({ state: 'overdue' }, overdue);
      },
    });
    // Within a minute of the grace period running out (sooner when the period itself is short).
    const everyMs = Math.min(this.config.RECONCILE_AFTER_S, 60) * 1000;
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: Error) => this.logger.warn(`Certificate sweep failed: ${error.message}`))
        .finally(() => (this.sweeping = undefined));
    }, everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One pass: asks again for every overdue enrolment; the number asked about. */
  async sweep(): Promise<number> {
    let asked = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        if (!(await this.repository.lockSweep(manager))) return 0;
        const overdue = await this.repository.overdue(manager, this.config.RECONCILE_AFTER_S, SWEEP_BATCH);
        if (!overdue.length) return 0;
        const certifying = await this.givesCertificates(overdue);
        const due = overdue.filter((e) => certifying.has(versionKey(e)));
        await writeOutboxEvents(
          manager,
          OutboxEventType.ModuleCompleted,
          due.map((e) => ({
            enrolmentId: e.enrolmentId,
            memberId: e.memberId,
            moduleId: e.moduleId,
            moduleSlug: e.moduleSlug,
            moduleVersion: e.moduleVersion,
            track: e.track,
            completedAt: new Date(e.completedAt).toISOString(),
            reconciliation: e.attempts + 1,
            ...(e.renewalOf ? { renewalOf: e.renewalOf } : {}),
          })),
        );
        // Modules without certificates are marked too, so the next pass does not read them again.
        await this.repository.markAsked(
          manager,
          overdue.map((e) => e.enrolmentId),
        );
        if (due.length) this.logger.warn(`Asked again for ${due.length} certificate(s) overdue by the sweep`);
        asked += due.length;
        return overdue.length;
      });
      if (batch < SWEEP_BATCH) return asked;
    }
  }

  backlog(): Promise<CertificateBacklog> {
    if (this.cached && Date.now() - this.cached.at < BACKLOG_CACHE_MS) return this.cached.backlog;
    const backlog = this.countBacklog();
    this.cached = { at: Date.now(), backlog };
    backlog.catch(() => (this.cached = undefined));
    return backlog;
  }

  private async countBacklog(): Promise<CertificateBacklog> {
    const rows = await this.repository.backlog(this.config.RECONCILE_AFTER_S);
    const certifying = await this.givesCertificates(rows);
    return rows
      .filter((row) => certifying.has(versionKey(row)))
      .reduce((sum, row) => ({ waiting: sum.waiting + row.waiting, overdue: sum.overdue + row.overdue }), {
        waiting: 0,
        overdue: 0,
      });
  }

  /** The module versions, of those given, whose completion earns a certificate (versions never change). */
  private async givesCertificates(versions: Pick<BacklogRow, 'moduleId' | 'moduleVersion'>[]): Promise<Set<string>> {
    const keys = [...new Map(versions.map((v) => [versionKey(v), v])).values()];
    const certifying = new Set<string>();
    for (const version of keys) {
      try {
        const snapshot = await this.catalog.getVersion(version.moduleId, version.moduleVersion);
        if (snapshot.certificate.enabled) certifying.add(versionKey(version));
      } catch (error) {
        if (!(error instanceof CourseException)) throw error;
      }
    }
    return certifying;
  }
}

const versionKey = (v: Pick<BacklogRow, 'moduleId' | 'moduleVersion'>) => `${v.moduleId}@${v.moduleVersion}`;
