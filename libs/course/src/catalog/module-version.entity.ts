import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ModuleSnapshot } from '../catalog-reader/module-snapshot';

/** One published version, never updated (a trigger refuses it). */
@Entity({ schema: 'course', name: 'module_versions' })
export class ModuleVersionEntity {
  @PrimaryColumn('uuid')
  moduleId: string;

  @PrimaryColumn('int')
  version: number;

  @Column('jsonb')
  snapshot: ModuleSnapshot;

  /** The document as authored; null for versions published before it was kept (rebuilt from the snapshot). */
  @Column('jsonb', { nullable: true })
  document: Record<string, unknown> | null;

  @Column('text')
  documentHash: string;

  @Column('uuid', { nullable: true })
  publishedBy: string | null;

  @Column('timestamptz')
  publishedAt: Date;
}
