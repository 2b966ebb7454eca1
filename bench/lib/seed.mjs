// Bulk seeding in SQL. pg-copy-streams is not installed (and no new packages may be added), so instead
// of COPY every table is filled by one INSERT … SELECT over generate_series: the rows are made inside
// PostgreSQL, never sent one by one. Ids are derived from names with md5, so the benchmark can compute
// a member's id (and mint their token) without reading it back.
import { createHash } from 'node:crypto';

/**
 * A version-4-shaped uuid from the md5 of a name (the API's id checks want a valid version and variant),
 * computed the same way in JavaScript and, by uuidSql(), in PostgreSQL.
 */
export function md5Uuid(text) {
  const raw = createHash('md5').update(text).digest('hex');
  const h = `${raw.slice(0, 12)}4${raw.slice(13, 16)}8${raw.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The SQL twin of md5Uuid for a text expression. */
const uuidSql = (expr) => `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;

export const memberId = (group, i) => md5Uuid(`member-${group}-${i}`);
export const enrolmentId = (slug, group, i) => md5Uuid(`enrolment-${slug}-${group}-${i}`);

/**
 * Members `group`-1 … `group`-count, each with an open session. Every seventh name carries accents and a
 * comma, as real names do.
 */
export async function seedMembers(pool, group, count) {
  await pool.query(
    `INSERT INTO auth.users (id, email, password_hash, name)
     SELECT ${uuidSql(`'member-' || $1 || '-' || i`)}, $1 || '-' || i || '@bench.example', '!bench-no-login',
            CASE WHEN i % 7 = 0 THEN 'Ōkawa, Émilie ' || i ELSE 'Member ' || i END
       FROM generate_series(1, $2::int) AS i`,
    [group, count],
  );
  await pool.query(
    `INSERT INTO auth.sessions (id, user_id, expires_at)
     SELECT ${uuidSql(`'session-' || u.id::text`)}, u.id, now() + interval '1 day'
       FROM auth.users u WHERE u.email LIKE $1 || '-%@bench.example'`,
    [group],
  );
}

/** The session the benchmark's token for a user names (seeded beside each member, and for the bench admin). */
export const sessionId = (userId) => md5Uuid(`session-${userId}`);

/** Opens that session for one user seeded by hand (the bench admin). */
export async function seedSession(pool, userId) {
  await pool.query(`INSERT INTO auth.sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
    sessionId(userId),
    userId,
  ]);
}

/**
 * Enrols members `group`-from … `group`-to in a published module, each having done the first
 * `done(i)` items (a SQL expression over i and the module's position m) in the track's order, with the
 * item completions, counters and (for completed enrolments) the certificate fact the reports read.
 */
export async function seedEnrolments(pool, { module, group, from = 1, to, done = '0', m = 0, certificates = false }) {
  const itemIds = module.items.map((item) => item.id);
  const unitIds = module.units.flatMap((unit) => unit.items.map(() => unit.id));
  const total = itemIds.length;
  // Last activity is the enrolment day (who is stuck reads it), and the current item the first one not done.
  await pool.query(
    `INSERT INTO progress.enrolments
       (id, member_id, module_id, module_slug, version, track, status, completed_items, total_items, enrolled_at, completed_at,
        last_activity_at, current_item_id, current_unit_id)
     SELECT ${uuidSql(`'enrolment-' || $2 || '-' || $5 || '-' || i`)}, ${uuidSql(`'member-' || $5 || '-' || i`)}, $1, $2, $3, NULL,
            CASE WHEN k >= $4 THEN 'completed' ELSE 'in_progress' END, k, $4, enrolled,
            CASE WHEN k >= $4 THEN least(now(), enrolled + make_interval(days => 1 + abs(hashtext('c' || i || '-' || $8::int)) % 30)) END,
            enrolled, ($9::uuid[])[k + 1], ($10::uuid[])[k + 1]
       FROM generate_series($6::int, $7::int) AS i,
            LATERAL (SELECT least($4, ${done})::int AS k,
                            now() - make_interval(days => abs(hashtext('d' || i || '-' || $8::int)) % 120, secs => i % 86400) AS enrolled) AS x`,
    [module.moduleId, module.slug, module.version, total, group, from, to, m, itemIds, unitIds],
  );
  await pool.query(
    `INSERT INTO progress.item_completions (enrolment_id, item_id, source, completed_at)
     SELECT e.id, item.id, 'self', e.enrolled_at
       FROM progress.enrolments e
       JOIN unnest($2::uuid[]) WITH ORDINALITY AS item(id, n) ON item.n <= e.completed_items
      WHERE e.module_id = $1 AND e.id = ANY(
        SELECT ${uuidSql(`'enrolment-' || $3 || '-' || $4 || '-' || i`)} FROM generate_series($5::int, $6::int) AS i)`,
    [module.moduleId, itemIds, module.slug, group, from, to],
  );
  const enrolled = `e.module_id = $1 AND e.id = ANY(
        SELECT ${uuidSql(`'enrolment-' || $2 || '-' || $3 || '-' || i`)} FROM generate_series($4::int, $5::int) AS i)`;
  const scope = [module.moduleId, module.slug, group, from, to];
  await pool.query(
    `INSERT INTO progress.module_counters (module_id, slot, enrolled, completed)
     SELECT $1, 0, count(*), count(*) FILTER (WHERE e.status = 'completed') FROM progress.enrolments e WHERE ${enrolled}
     ON CONFLICT (module_id, slot) DO UPDATE SET enrolled = module_counters.enrolled + EXCLUDED.enrolled,
                                                 completed = module_counters.completed + EXCLUDED.completed`,
    scope,
  );
  // Items are done in order, so a unit is complete for everyone past its last item.
  let through = 0;
  for (const unit of module.units) {
    through += unit.items.length;
    await pool.query(
      `INSERT INTO progress.unit_counters (module_id, unit_id, slot, completed)
       SELECT $1, $6::uuid, 0, count(*) FROM progress.enrolments e WHERE ${enrolled} AND e.completed_items >= $7
       ON CONFLICT (module_id, unit_id, slot) DO UPDATE SET completed = unit_counters.completed + EXCLUDED.completed`,
      [...scope, unit.id, through],
    );
  }
  if (certificates) {
    await pool.query(
      `INSERT INTO progress.enrolment_certificates (enrolment_id, certificate_id, serial, status, changed_at)
       SELECT e.id, gen_random_uuid(), 'GL-BENCH-' || upper(substr(md5(e.id::text), 1, 4)) || '-' || upper(substr(md5(e.id::text), 5, 4)) || '-' || substr(e.id::text, 1, 4),
              'issued', e.completed_at
         FROM progress.enrolments e WHERE ${enrolled} AND e.status = 'completed'`,
      scope,
    );
  }
}

/**
 * Renews the completed enrolments of a module's members whose number is a multiple of `every`: the
 * completed one stays as history (not current), a renewal in progress on the same version becomes
 * current, and the counters move as the service moves them (one completed fewer, one renewal more).
 */
export async function seedRenewals(pool, { module, group, to, every }) {
  // Fresh statistics first: planned on the counts from before seeding (a handful of completed rows), the
  // update ran as a nested loop comparing every completed enrolment with every renewal (minutes at 100,000).
  await pool.query('ANALYZE progress.enrolments');
  const { rows } = await pool.query(
    `WITH renewed AS (
       UPDATE progress.enrolments e SET current = false
        WHERE e.module_id = $1 AND e.status = 'completed' AND e.current AND e.id = ANY(
          SELECT ${uuidSql(`'enrolment-' || $2 || '-' || $3 || '-' || i`)} FROM generate_series($5::int, $4::int, $5::int) AS i)
        RETURNING e.*
     ), inserted AS (
       INSERT INTO progress.enrolments
         (member_id, module_id, module_slug, version, track, status, completed_items, total_items, enrolled_at,
          last_activity_at, current_item_id, current_unit_id, renewal_of)
       SELECT member_id, module_id, module_slug, version, track, 'in_progress', 0, total_items, now() - interval '3 days',
              now() - interval '3 days', $6::uuid, $7::uuid, id
         FROM renewed RETURNING 1
     )
     SELECT count(*)::int AS n FROM inserted`,
    [module.moduleId, module.slug, group, to, every, module.items[0].id, module.units[0].id],
  );
  const renewals = rows[0].n;
  await pool.query(
    `UPDATE progress.module_counters SET completed = completed - $2, renewals = renewals + $2
      WHERE module_id = $1 AND slot = 0`,
    [module.moduleId, renewals],
  );
  return renewals;
}

/** A module of `units` units of `lessons` lessons each, optionally ending with an unlimited one-question quiz. */
export function lessonModule(slug, { units = 1, lessons = 10, quiz = false, title = slug } = {}) {
  return {
    slug,
    title: { en: title, fr: title },
    summary: 'A module made by the benchmark.',
    certificate: { enabled: true, cpdHours: 1.5 },
    units: Array.from({ length: units }, (_, u) => ({
      key: `u${u + 1}`,
      title: `Unit ${u + 1}`,
      items: [
        ...Array.from({ length: lessons }, (_, l) => ({
          key: `lesson-${l + 1}`,
          kind: 'lesson',
          title: `Lesson ${l + 1}`,
          body: 'Read this.',
        })),
        ...(quiz && u === units - 1
          ? [
              {
                key: 'check',
                kind: 'quiz',
                title: 'Check',
                passMark: 100,
                maxAttempts: null,
                questions: [
                  {
                    key: 'q1',
                    type: 'single',
                    prompt: 'Pick A',
                    options: [
                      { key: 'a', text: 'A', correct: true },
                      { key: 'b', text: 'B' },
                    ],
                  },
                ],
              },
            ]
          : []),
      ],
    })),
  };
}
