import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditFilter, AuditRepository, NewAuditEntry } from './audit.repository';

/** Staff actions (attendance, manual completion, revocation, reissue, role changes, publishing): who, when, what, why. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  record(entry: NewAuditEntry | NewAuditEntry[], manager?: EntityManager): Promise<void> {
    return this.repository.insert(Array.isArray(entry) ? entry : [entry], manager);
  }

  async list(filter: AuditFilter) {
    const [items, total] = await this.repository.find(filter);
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }
}
