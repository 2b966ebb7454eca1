import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { rowsOf } from '@greenlight/database';
import { CertificateEntity, CertificateStatus } from './certificate.entity';

export type NewCertificate = Omit<CertificateEntity, 'createdAt'>;

/** A certificate before its PDF and credential exist: what they are made from. */
export type PendingCertificate = Omit<NewCertificate, 'pdfSha256' | 'credential' | 'credentialJwt'>;

/** Every column as the entity names it, with `numeric` and `date` read the way the entity reads them. */
const COLUMNS = `id, serial, enrolment_id AS "enrolmentId", member_id AS "memberId", module_id AS "moduleId",
  module_slug AS "moduleSlug", module_version AS "moduleVersion", module_title AS "moduleTitle", track,
  track_title AS "trackTitle", holder_name AS "holderName", locale, cpd_hours::float8 AS "cpdHours",
  completed_at AS "completedAt", completion_date::text AS "completionDate", time_zone AS "timeZone",
  issued_at AS "issuedAt", valid_until AS "validUntil", status, pdf_sha256 AS "pdfSha256",
  pdf_layout AS "pdfLayout", storage_key AS "storageKey", credential, credential_jwt AS "credentialJwt",
  revoked_at AS "revokedAt", revoked_by AS "revokedBy",
  revocation_reason AS "revocationReason", superseded_at AS "supersededAt", replaces_id AS "replacesId",
  status_list_position::float8 AS "statusListPosition", created_at AS "createdAt"`;

/** The insert's columns, in the order `insertValues` gives them. */
const INSERT_COLUMNS = `id, serial, enrolment_id, member_id, module_id, module_slug, module_version, module_title, track,
  track_title, holder_name, locale, cpd_hours, completed_at, completion_date, time_zone, issued_at, valid_until, status,
  pdf_sha256, pdf_layout, storage_key, credential, credential_jwt, revoked_at, revoked_by, revocation_reason,
  superseded_at, replaces_id, status_list_position`;
const INSERT_PARAMS = INSERT_COLUMNS.split(',')
  .map((_, i) => `$${i + 1}`)
  .join(', ');

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

function insertValues(c: NewCertificate): unknown[] {
  return [
    c.id,
    c.serial,
    c.enrolmentId,
    c.memberId,
    c.moduleId,
    c.moduleSlug,
    c.moduleVersion,
    json(c.moduleTitle),
    c.track,
    json(c.trackTitle),
    c.holderName,
    c.locale,
    c.cpdHours,
    c.completedAt,
    c.completionDate,
    c.timeZone,
    c.issuedAt,
    c.validUntil,
    c.status,
    c.pdfSha256,
    c.pdfLayout,
    c.storageKey,
    json(c.credential),
    c.credentialJwt,
    c.revokedAt,
    c.revokedBy,
    c.revocationReason,
    c.supersededAt,
    c.replacesId,
    c.statusListPosition,
  ];
}

export interface CertificateSearch {
  moduleSlug?: string;
  status?: CertificateStatus;
  memberId?: string;
  /** Issued, not yet expired, and expiring within this many days of now; ordered by validUntil. */
  expiringWithinDays?: number;
  page: number;
  pageSize: number;
}

@Injectable()
export class CertificateRepository {
  constructor(@InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>) {}

  private repo(manager?: EntityManager): Repository<CertificateEntity> {
    return manager ? manager.getRepository(CertificateEntity) : this.certificates;
  }

  findById(id: string): Promise<CertificateEntity | null> {
    return this.certificates.findOneBy({ id });
  }

  /** What the issued-certificate email needs, without the stored credential (a few kilobytes of JSON and JWT). */
  async findForNotice(
    id: string,
  ): Promise<Pick<CertificateEntity, 'id' | 'memberId' | 'status' | 'serial' | 'moduleTitle'> | null> {
    const [row] = await rowsOf<Pick<CertificateEntity, 'id' | 'memberId' | 'status' | 'serial' | 'moduleTitle'>>(
      this.certificates.manager,
      `SELECT id, member_id AS "memberId", status, serial, module_title AS "moduleTitle"
         FROM certificate.certificates WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  findBySerial(serial: string): Promise<CertificateEntity | null> {
    return this.certificates.findOneBy({ serial });
  }

  /** The certificate that replaced this one on reissue, if any. */
  findReplacement(id: string): Promise<CertificateEntity | null> {
    return this.certificates.findOneBy({ replacesId: id });
  }

  /** The issued or revoked certificate of an enrolment (the partial unique index allows one at most). */
  async findLiveByEnrolment(enrolmentId: string, manager?: EntityManager): Promise<CertificateEntity | null> {
    const [row] = await rowsOf<CertificateEntity>(
      manager ?? this.certificates.manager,
      `SELECT ${COLUMNS} FROM certificate.certificates WHERE enrolment_id = $1 AND status <> 'superseded'`,
      [enrolmentId],
    );
    return row ?? null;
  }

  /** The live certificate of an enrolment, locked for a state change; null when it has none. */
  async lockLiveByEnrolment(enrolmentId: string, manager: EntityManager): Promise<CertificateEntity | null> {
    const [row] = await rowsOf<CertificateEntity>(
      manager,
      `SELECT ${COLUMNS} FROM certificate.certificates WHERE enrolment_id = $1 AND status <> 'superseded' FOR UPDATE`,
      [enrolmentId],
    );
    return row ?? null;
  }

  /**
   * Inserts unless the enrolment already has a live certificate; the row's `created_at` when this call
   * inserted it, null otherwise. The partial unique index decides, not a prior read, so concurrent
   * workers cannot both win.
   */
  async insertUnlessLive(certificate: NewCertificate, manager?: EntityManager): Promise<Date | null> {
    const [row] = await rowsOf<{ createdAt: Date }>(
      manager ?? this.certificates.manager,
      `INSERT INTO certificate.certificates (${INSERT_COLUMNS}) VALUES (${INSERT_PARAMS})
       ON CONFLICT DO NOTHING RETURNING created_at AS "createdAt"`,
      insertValues(certificate),
    );
    return row?.createdAt ?? null;
  }

  async insert(certificate: NewCertificate, manager: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values(certificate as never)
      .updateEntity(false)
      .execute();
  }

  /** Locks the row for a state change; null when it does not exist. */
  findForUpdate(id: string, manager: EntityManager): Promise<CertificateEntity | null> {
    return this.repo(manager).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  async update(
    id: string,
    changes: Partial<
      Pick<CertificateEntity, 'status' | 'revokedAt' | 'revokedBy' | 'revocationReason' | 'supersededAt'>
    >,
    manager: EntityManager,
  ): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  listByMember(memberId: string): Promise<CertificateEntity[]> {
    return this.certificates
      .createQueryBuilder('c')
      .where('c.member_id = :memberId', { memberId })
      .orderBy('c.issued_at', 'DESC')
      .addOrderBy('c.id')
      .getMany();
  }

  search({
    moduleSlug,
    status,
    memberId,
    expiringWithinDays,
    page,
    pageSize,
  }: CertificateSearch): Promise<[CertificateEntity[], number]> {
    const qb = this.certificates.createQueryBuilder('c');
    if (expiringWithinDays === undefined) qb.orderBy('c.issued_at', 'DESC');
    else {
      qb.andWhere(`c.status = 'issued' AND c.valid_until > now()`)
        .andWhere(`c.valid_until <= now() + make_interval(days => :days)`, { days: expiringWithinDays })
        .orderBy('c.valid_until', 'ASC');
    }
    qb.addOrderBy('c.id');
    if (moduleSlug) qb.andWhere('c.module_slug = :moduleSlug', { moduleSlug });
    if (status) qb.andWhere('c.status = :status', { status });
    if (memberId) qb.andWhere('c.member_id = :memberId', { memberId });
    return qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
