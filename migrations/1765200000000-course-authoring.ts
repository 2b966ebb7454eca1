import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authoring: a draft revision for compare-and-set saves (If-Match), and each version's module document
 * as authored (GIFT kept as text), so a version can be opened again as a draft.
 */
export class CourseAuthoring1765200000000 implements MigrationInterface {
  name = 'CourseAuthoring1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE course.modules ADD COLUMN revision uuid NOT NULL DEFAULT gen_random_uuid()`);
    // Versions published before this migration keep a null document: it is rebuilt from their snapshot.
    await db.query(`ALTER TABLE course.module_versions ADD COLUMN document jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE course.module_versions DROP COLUMN document`);
    await db.query(`ALTER TABLE course.modules DROP COLUMN revision`);
  }
}
