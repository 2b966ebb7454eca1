import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CertificateEntity, CertificateStatus } from './certificate.entity';

export type NewCertificate = Omit<CertificateEntity, 'createdAt'>;

/** A certificate before its PDF and credential exist: what they are made from. */
export type UndraftedCertificate = Omit<NewCertificate, 'pdfSha256' | 'credential' | 'credentialJwt'>;

export interface CertificateSearch {
  moduleSlug?: string;
  status?: CertificateStatus;
  memberId?: string;
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
  findForNotice(
    id: string,
  ): Promise<Pick<CertificateEntity, 'id' | 'memberId' | 'status' | 'serial' | 'moduleTitle'> | null> {
    return this.certificates
      .createQueryBuilder('c')
      .select(['c.id', 'c.memberId', 'c.status', 'c.serial', 'c.moduleTitle'])
      .where('c.id = :id', { id })
      .getOne();
  }

  findBySerial(serial: string): Promise<CertificateEntity | null> {
    return this.certificates.findOneBy({ serial });
  }

  /** The certificate that replaced this one on reissue, if any. */
  findReplacement(id: string): Promise<CertificateEntity | null> {
    return this.certificates.findOneBy({ replacesId: id });
  }

  /** The issued or revoked certificate of an enrolment (the partial unique index allows one at most). */
  findLiveByEnrolment(enrolmentId: string, manager?: EntityManager): Promise<CertificateEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .where('c.enrolment_id = :enrolmentId', { enrolmentId })
      .andWhere(`c.status <> 'superseded'`)
      .getOne();
  }

  /**
   * Inserts unless the enrolment already has a live certificate; the row's `created_at` when this call
   * inserted it, null otherwise. The partial unique index decides, not a prior read, so concurrent
   * workers cannot both win.
   */
  async insertUnlessLive(certificate: NewCertificate, manager?: EntityManager): Promise<Date | null> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values(certificate as never)
      .orIgnore()
      .returning('created_at')
      .updateEntity(false)
      .execute();
    return result.raw.length === 1 ? new Date(result.raw[0].created_at) : null;
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

  search({ moduleSlug, status, memberId, page, pageSize }: CertificateSearch): Promise<[CertificateEntity[], number]> {
    const qb = this.certificates.createQueryBuilder('c').orderBy('c.issued_at', 'DESC').addOrderBy('c.id');
    if (moduleSlug) qb.andWhere('c.module_slug = :moduleSlug', { moduleSlug });
    if (status) qb.andWhere('c.status = :status', { status });
    if (memberId) qb.andWhere('c.member_id = :memberId', { memberId });
    return qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  countByEnrolment(enrolmentId: string): Promise<number> {
    return this.certificates.countBy({ enrolmentId });
  }
}
