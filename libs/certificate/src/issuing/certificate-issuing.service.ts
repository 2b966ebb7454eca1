import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, UserEntity, UsersRepository } from '@greenlight/auth';
import { localize, LOCALES, Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogReader, CourseException, ModuleSnapshot } from '@greenlight/course';
import { certificateIssuedTemplate, MessagesService } from '@greenlight/messages';
import { ModuleCompletedPayload, OutboxEventType, writeOutboxEvent } from '@greenlight/queue';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';
import type { UnitTitle } from '../credentials/credential-texts';
import { ArtifactMaker } from '../artifacts/certificate-artifacts';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import { CURRENT_PDF_LAYOUT } from '../rendering/printable-certificate';
import { StatusListService } from '../status-lists/status-list.service';
import { CertificateStorage } from '../storage/certificate-storage';
import { CertificateEntity } from './certificate.entity';
import { CertificateRepository, NewCertificate, PendingCertificate } from './certificate.repository';
import { completionDate } from './completion-date';
import { newSerial } from './serial';
import { validUntil } from './validity';

/** Whom the issued email goes to. */
type Holder = Pick<UserEntity, 'id' | 'email' | 'name' | 'locale'>;

/** What announcing a certificate's status needs of it. */
type Announced = Pick<
  CertificateEntity,
  'id' | 'enrolmentId' | 'memberId' | 'serial' | 'status' | 'moduleTitle' | 'moduleSlug' | 'validUntil'
>;

export type IssueOutcome =
  { outcome: 'issued' | 'already-issued'; certificate: CertificateEntity } | { outcome: 'skipped'; reason: string };

/**
 * Issues, reissues and revokes certificates. Issuing is idempotent: the partial unique index (one live
 * certificate per enrolment) plus an insert that ignores the conflict means duplicate jobs, retries and
 * concurrent workers always leave exactly one certificate. Every follow-up (progress told the live
 * serial, the holder's email) is written to `certificate.outbox` in the transaction of the change, so
 * a Redis outage delays it but never loses it, nor fails the change; its job id is derived from the
 * certificate, so relaying it again is a no-op.
 */
@Injectable()
export class CertificateIssuingService {
  private readonly logger = new Logger(CertificateIssuingService.name);

  constructor(
    private readonly repository: CertificateRepository,
    private readonly users: UsersRepository,
    private readonly catalog: CatalogReader,
    private readonly artifacts: ArtifactMaker,
    private readonly storage: CertificateStorage,
    private readonly audit: AuditService,
    private readonly messages: MessagesService,
    private readonly renderer: CertificatePdfRenderer,
    private readonly statusLists: StatusListService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async issue(completion: ModuleCompletedPayload): Promise<IssueOutcome> {
    // The three reads do not depend on each other: one round trip's wait instead of three.
    const [existing, member, snapshot] = await Promise.all([
      this.repository.findLiveByEnrolment(completion.enrolmentId),
      this.users.findContact(completion.memberId),
      this.moduleVersion(completion.moduleId, completion.moduleVersion),
    ]);
    if (existing) {
      // Said again in case the first telling was lost with a Redis that kept no data (the sweep's case).
      const at = existing.revokedAt ?? existing.issuedAt;
      await this.dataSource.transaction((manager) => this.announce(existing, at, manager, member));
      return { outcome: 'already-issued', certificate: existing };
    }
    if (!member) return { outcome: 'skipped', reason: `member ${completion.memberId} does not exist` };
    if (!snapshot)
      return {
        outcome: 'skipped',
        reason: `module version ${completion.moduleId}@${completion.moduleVersion} does not exist`,
      };
    if (!snapshot.certificate.enabled)
      return { outcome: 'skipped', reason: `module ${snapshot.slug} gives no certificate` };

    const completedAt = new Date(completion.completedAt);
    const track = completion.track ? snapshot.tracks.find((t) => t.key === completion.track) : undefined;
    const record = await this.prepare({
      id: randomUUID(),
      enrolmentId: completion.enrolmentId,
      memberId: member.id,
      memberEmail: member.email,
      moduleId: snapshot.moduleId,
      moduleSlug: snapshot.slug,
      moduleVersion: snapshot.version,
      moduleTitle: inEveryLocale(snapshot.title),
      track: completion.track,
      trackTitle: track ? inEveryLocale(track.title) : null,
      holderName: member.name,
      locale: member.locale,
      cpdHours: snapshot.certificate.cpdHours,
      completedAt,
      completionDate: completionDate(completedAt, this.config.CERT_TIMEZONE),
      timeZone: this.config.CERT_TIMEZONE,
      validUntil: validUntil(completedAt, snapshot.certificate.validForMonths, this.config.CERT_TIMEZONE),
      replacesId: null,
      units: unitTitles(snapshot, completion.track),
    });
    const certificate = await this.dataSource.transaction(async (manager) => {
      // A renewal's certificate replaces the one the renewed enrolment holds, if that one still stands.
      const replaced = completion.renewalOf
        ? await this.repository.lockLiveByEnrolment(completion.renewalOf, manager)
        : null;
      const superseding = replaced?.status === 'issued' ? replaced : null;
      const issued = { ...record, replacesId: superseding?.id ?? null };
      const createdAt = await this.repository.insertUnlessLive(issued, manager);
      if (!createdAt) return null;
      if (superseding) await this.supersede(superseding, new Date(), manager);
      const inserted: CertificateEntity = { ...issued, createdAt };
      await this.announce(inserted, record.issuedAt, manager, member);
      return inserted;
    });
    if (certificate) {
      this.logger.log(`Issued ${record.serial} for enrolment ${record.enrolmentId}`);
      return { outcome: 'issued', certificate };
    }
    // Another worker won the race: its certificate stands, and the file rendered here is nobody's.
    await this.storage.delete(record.storageKey);
    const winner = await this.repository.findLiveByEnrolment(completion.enrolmentId);
    if (!winner) throw new Error(`Certificate insert for enrolment ${completion.enrolmentId} was refused; retrying`);
    return { outcome: 'already-issued', certificate: winner };
  }

  /** A new certificate (new serial, the member's current name and language) replacing an issued one. */
  async reissue(id: string, actorId: string, reason: string | null): Promise<CertificateEntity> {
    const current = await this.repository.findById(id);
    if (!current) throw new CertificateException(CertificateExceptionCode.NotFound, 'No such certificate.');
    const [member, snapshot] = await Promise.all([
      this.users.findById(current.memberId),
      this.moduleVersion(current.moduleId, current.moduleVersion),
    ]);
    if (!member) throw new CertificateException(CertificateExceptionCode.NotFound, 'The holder no longer exists.');
    const record = await this.prepare({
      ...current,
      id: randomUUID(),
      memberEmail: member.email,
      holderName: member.name,
      locale: member.locale,
      replacesId: current.id,
      units: snapshot ? unitTitles(snapshot, current.track) : [],
    });
    // Not the successor's issuedAt (whole seconds): a reissue in the second of the first issue must still be newer.
    const now = new Date();
    try {
      await this.dataSource.transaction(async (manager) => {
        const locked = await this.lockIssued(id, manager);
        await this.supersede(locked, now, manager);
        await this.repository.insert(record, manager);
        await this.audit.record(
          {
            actorId,
            action: 'certificate.reissue',
            subjectType: 'certificate',
            subjectId: current.id,
            reason,
            details: { serial: current.serial, newCertificateId: record.id, newSerial: record.serial },
          },
          manager,
        );
        await this.announce(record, now, manager, member);
      });
    } catch (error) {
      await this.storage.delete(record.storageKey);
      throw error;
    }
    return (await this.repository.findById(record.id))!;
  }

  async revoke(id: string, actorId: string, reason: string): Promise<CertificateEntity> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockIssued(id, manager);
      await this.repository.update(
        locked.id,
        { status: 'revoked', revokedAt: now, revokedBy: actorId, revocationReason: reason },
        manager,
      );
      await this.statusLists.revoke(locked.statusListPosition, manager);
      await this.audit.record(
        {
          actorId,
          action: 'certificate.revoke',
          subjectType: 'certificate',
          subjectId: locked.id,
          reason,
          details: { serial: locked.serial },
        },
        manager,
      );
      await this.announce({ ...locked, status: 'revoked' }, now, manager, null);
    });
    return (await this.repository.findById(id))!;
  }

  /**
   * Marks an issued certificate (locked by the caller) superseded by its successor: a reissue, or the
   * certificate of a renewal. A superseded credential is no longer to be relied on, so its status list
   * bit is set in the same transaction; progress hears of it through the outbox.
   */
  private async supersede(locked: CertificateEntity, at: Date, manager: EntityManager): Promise<void> {
    await this.repository.update(locked.id, { status: 'superseded', supersededAt: at }, manager);
    await this.statusLists.revoke(locked.statusListPosition, manager);
    await this.announce({ ...locked, status: 'superseded' }, at, manager, null);
  }

  private async lockIssued(id: string, manager: EntityManager): Promise<CertificateEntity> {
    const locked = await this.repository.findForUpdate(id, manager);
    if (!locked) throw new CertificateException(CertificateExceptionCode.NotFound, 'No such certificate.');
    if (locked.status !== 'issued') {
      throw new CertificateException(
        CertificateExceptionCode.NotIssued,
        `This certificate is ${locked.status}; only an issued certificate can be changed.`,
      );
    }
    return locked;
  }

  /** Serial, PDF (rendered and stored) and signed credential: everything but the database row. */
  private async prepare(
    base: Omit<
      NewCertificate,
      | 'serial'
      | 'issuedAt'
      | 'status'
      | 'pdfSha256'
      | 'storageKey'
      | 'pdfLayout'
      | 'credential'
      | 'credentialJwt'
      | 'revokedAt'
      | 'revokedBy'
      | 'revocationReason'
      | 'supersededAt'
      | 'statusListPosition'
    > & { memberEmail: string; units: UnitTitle[] },
  ): Promise<NewCertificate> {
    const { memberEmail, units, ...fields } = base;
    // Taken before the artifacts are made (the credential carries it) and never given back: a failure there leaves a gap.
    const statusListPosition = await this.statusLists.allocatePosition();
    // Whole seconds, as PDF dates hold them: a re-render from the stored row then gives the same bytes.
    const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const serial = newSerial(Number(fields.completionDate.slice(0, 4)));
    const storageKey = `${fields.completionDate.slice(0, 4)}/${serial}.pdf`;
    const record: PendingCertificate = {
      ...fields,
      serial,
      issuedAt,
      status: 'issued',
      storageKey,
      pdfLayout: CURRENT_PDF_LAYOUT,
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
      supersededAt: null,
      statusListPosition,
    };
    const { pdf, signed } = await this.artifacts.make({ record, memberEmail, units });
    await this.storage.put(storageKey, pdf.bytes);
    return { ...record, pdfSha256: pdf.sha256, credential: signed.credential, credentialJwt: signed.jwt };
  }

  private async moduleVersion(moduleId: string, version: number): Promise<ModuleSnapshot | null> {
    try {
      return await this.catalog.getVersion(moduleId, version);
    } catch (error) {
      if (error instanceof CourseException && error.kind === 'not_found') return null;
      throw error;
    }
  }

  /**
   * Tells progress the certificate's status (an outbox row) and, for an issued one, writes the holder's
   * email to the message log: both in the caller's transaction. The job id and the message's dedupe key
   * come from the certificate, so repeats are no-ops. The holder is read before the transaction: a read
   * on another pooled connection while it holds one could exhaust the pool under concurrent issues.
   */
  private async announce(
    certificate: Announced,
    at: Date,
    manager: EntityManager,
    holder: Holder | null,
  ): Promise<void> {
    await writeOutboxEvent(manager, OutboxEventType.CertificateRecorded, {
      enrolmentId: certificate.enrolmentId,
      certificateId: certificate.id,
      serial: certificate.serial,
      status: certificate.status,
      changedAt: at.toISOString(),
      validUntil: certificate.validUntil?.toISOString() ?? null,
    });
    if (certificate.status === 'issued' && holder) await this.emailIssued(certificate, holder, manager);
  }

  private async emailIssued(certificate: Announced, member: Holder, manager: EntityManager): Promise<void> {
    const locale = member.locale;
    const composed = certificateIssuedTemplate[locale]({
      name: member.name,
      moduleTitle: certificate.moduleTitle[locale],
      verifyUrl: this.renderer.verifyUrl(certificate.serial),
    });
    await this.messages.send(
      {
        kind: 'certificate-issued',
        to: member.email,
        locale,
        ...composed,
        dedupeKey: `certificate-issued-${certificate.id}`,
        userId: member.id,
        moduleSlug: certificate.moduleSlug,
      },
      { sql: manager },
    );
  }
}

/** The titles of the units a completion on this track covers, in order. */
function unitTitles(snapshot: ModuleSnapshot, track: string | null): UnitTitle[] {
  return [...snapshot.units]
    .filter((unit) => unit.tracks.length === 0 || (track !== null && unit.tracks.includes(track)))
    .sort((a, b) => a.position - b.position)
    .map((unit) => inEveryLocale(unit.title));
}

function inEveryLocale(text: Parameters<typeof localize>[0]): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, localize(text, locale)])) as Record<Locale, string>;
}
