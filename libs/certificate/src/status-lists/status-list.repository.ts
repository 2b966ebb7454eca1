import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';
import type { StatusPurpose } from './status-list-entry';

export interface StoredStatusList {
  encodedList: string;
  updatedAt: Date;
}

@Injectable()
export class StatusListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A position nobody else ever gets: a sequence value is handed out once, whatever happens to the draft. */
  async allocatePosition(): Promise<number> {
    const [row] = await rowsOf<{ position: number }>(
      this.dataSource.manager,
      `SELECT nextval('certificate.status_list_position')::float8 AS position`,
    );
    return row.position;
  }

  /** The highest position handed out so far, or -1 when none was. */
  async lastPosition(): Promise<number> {
    const [row] = await rowsOf<{ last: number }>(
      this.dataSource.manager,
      `SELECT CASE WHEN is_called THEN last_value ELSE -1 END::float8 AS last FROM certificate.status_list_position`,
    );
    return row.last;
  }

  async find(list: number, purpose: StatusPurpose): Promise<StoredStatusList | null> {
    const [row] = await rowsOf<StoredStatusList>(
      this.dataSource.manager,
      `SELECT encoded_list AS "encodedList", updated_at AS "updatedAt"
         FROM certificate.status_lists WHERE list = $1 AND purpose = $2`,
      [list, purpose],
    );
    return row ?? null;
  }

  /** The list's row, made from `empty` if it has none yet. */
  async ensure(list: number, purpose: StatusPurpose, empty: string): Promise<StoredStatusList> {
    await this.insertUnlessExists(list, purpose, empty, this.dataSource.manager);
    return (await this.find(list, purpose))!;
  }

  /**
   * The list's row, locked until the caller's transaction ends (created from `empty` when missing):
   * two revocations in one list take turns, so neither overwrites the other's bit.
   */
  async lock(list: number, purpose: StatusPurpose, empty: string, manager: EntityManager): Promise<StoredStatusList> {
    await this.insertUnlessExists(list, purpose, empty, manager);
    const [row] = await rowsOf<StoredStatusList>(
      manager,
      `SELECT encoded_list AS "encodedList", updated_at AS "updatedAt"
         FROM certificate.status_lists WHERE list = $1 AND purpose = $2 FOR UPDATE`,
      [list, purpose],
    );
    return row;
  }

  private async insertUnlessExists(list: number, purpose: StatusPurpose, empty: string, manager: EntityManager) {
    await manager.query(
      `INSERT INTO certificate.status_lists (list, purpose, encoded_list, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT DO NOTHING`,
      [list, purpose, empty],
    );
  }

  async save(list: number, purpose: StatusPurpose, encodedList: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE certificate.status_lists SET encoded_list = $3, updated_at = clock_timestamp()
        WHERE list = $1 AND purpose = $2`,
      [list, purpose, encodedList],
    );
  }
}
