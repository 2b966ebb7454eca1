import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OutboxStatus {
  pending: number;
  retrying: number;
  oldestPendingAt: Date | null;
  lastError: string | null;
}

@Injectable()
export class OutboxStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The relay's backlog: what is waiting for Redis, and why the last try failed. */
  async outboxStatus(): Promise<OutboxStatus> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS retrying,
              min(created_at) AS "oldestPendingAt",
              (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS "lastError"
         FROM progress.outbox WHERE published_at IS NULL`,
    );
    return row;
  }
}
