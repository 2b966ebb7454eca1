import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

export interface NewAuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  subjectId?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  /** Pass the manager of an open transaction so the entry commits (or rolls back) with the action it records. */
  async insert(entries: NewAuditEntry[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    const repo = manager ? manager.getRepository(AuditEntryEntity) : this.entries;
    await repo
      .createQueryBuilder()
      .insert()
      .values(entries.map((e) => ({ ...e, reason: e.reason ?? null, details: (e.details ?? {}) as never })))
      .execute();
  }

  find({ action, actorId, subjectId, page, pageSize }: AuditFilter): Promise<[AuditEntryEntity[], number]> {
    const qb = this.entries.createQueryBuilder('a').orderBy('a.created_at', 'DESC').addOrderBy('a.id');
    if (action) qb.andWhere('a.action = :action', { action });
    if (actorId) qb.andWhere('a.actor_id = :actorId', { actorId });
    if (subjectId) qb.andWhere('a.subject_id = :subjectId', { subjectId });
    return qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
