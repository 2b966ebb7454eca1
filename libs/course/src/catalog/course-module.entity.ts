import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A module as staff edit it: the current draft document and a pointer to its newest published version. */
@Entity({ schema: 'course', name: 'modules' })
export class CourseModuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  /** The document as authored (GIFT kept as text, file references already inlined). */
  @Column('jsonb')
  draft: Record<string, unknown>;

  /** Hash of the normalised draft, compared with the newest version's to skip no-op publishing. */
  @Column('text')
  draftHash: string;

  /** Changes on every save: what `If-Match` is compared with, so a stale editor cannot overwrite a newer draft. */
  @Column('uuid')
  revision: string;

  @Column('int', { nullable: true })
  latestVersion: number | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
