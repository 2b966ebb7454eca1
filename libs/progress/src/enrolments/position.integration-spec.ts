import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { EnrolmentPosition1766100000000 } from '../../../../migrations/1766100000000-enrolment-position';
import { itemOf, moduleDocument, ModuleRead, ProgressTestModule, publish } from '../testing/progress-fixtures';

jest.setTimeout(30_000);

/** Each enrolment keeps its current item and that item's unit, which the reports' activity index carries. */
describe("an enrolment's position: the current item and its unit", () => {
  let t: TestApp;
  let staff: TestUser;
  let module: ModuleRead;
  let enrolmentId: string;

  const position = async (id: string) =>
    (
      await t.db.pool.query<{ item: string | null; unit: string | null }>(
        `SELECT current_item_id AS item, current_unit_id AS unit FROM progress.enrolments WHERE id = $1`,
        [id],
      )
    ).rows[0];
  const staffComplete = (itemKey: string) =>
    t.request('POST', `/api/enrolments/${enrolmentId}/items/${itemOf(module, 'u1', itemKey).id}/staff-completion`, {
      token: staff.token,
      body: { reason: 'Done at the workshop' },
    });

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    staff = await makeStaff(t);
    module = await publish(t, staff, moduleDocument());
    const member = await makeMember(t);
    const enrolled = await t.request('POST', `/api/modules/${module.slug}/enrolments`, {
      token: member.token,
      body: { track: 'established' },
    });
    enrolmentId = enrolled.body.id;
  });
  afterAll(() => t.close());

  it('starts on the first item of the first unit, and moves to the next unit when a unit is finished', async () => {
    const u1 = module.units.find((u) => u.key === 'u1')!.id;
    const u2 = module.units.find((u) => u.key === 'u2')!.id;
    expect(await position(enrolmentId)).toEqual({ item: itemOf(module, 'u1', 'read').id, unit: u1 });
    expect((await staffComplete('read')).status).toBe(200);
    expect(await position(enrolmentId)).toEqual({ item: itemOf(module, 'u1', 'check').id, unit: u1 });
    await staffComplete('check');
    await staffComplete('webinar');
    expect(await position(enrolmentId)).toEqual({ item: itemOf(module, 'u2', 'deal').id, unit: u2 });
  });

  it('is given its unit by the migration, from the module version it follows', async () => {
    const written = await position(enrolmentId);
    const migration = new EnrolmentPosition1766100000000();
    const db = { query: (sql: string) => t.db.pool.query(sql) } as never;
    await migration.down(db);
    await migration.up(db);
    expect(await position(enrolmentId)).toEqual(written);
    expect(written.unit).not.toBeNull();
  });
});
