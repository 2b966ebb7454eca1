// The bare baseline for the progress-write benchmark: fastify + pg, no framework, running the same SQL
// as the progress service does for the same two requests (see libs/progress enrolment.service.ts,
// completion.service.ts, quiz-attempt.service.ts and their repositories): the token check, the
// locked read that also checks ownership, the transaction's few statements, and the answer built from
// what they read, with the same statements prepared (named) as the platform prepares them. It is what
// "no framework overhead" would look like; the platform is measured against it in the same run. The three
// statements that do the work are the platform's own (libs/progress/src/progress-writes.sql.ts, as built).
// Env: PORT, DATABASE_URL, JWT_SECRET, DATABASE_POOL_SIZE, MODULE (JSON: units with item ids and kinds,
// the quiz's question id and its right option id).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
const secret = process.env.JWT_SECRET;
const module = JSON.parse(process.env.MODULE);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});
const items = new Map(module.units.flatMap((unit) => unit.items.map((item) => [item.id, { ...item, unit }])));
// The bench's enrolments have no track: every item of the module, in order, and each item's unit.
const trackItems = module.units.flatMap((unit) => unit.items.map((item) => item.id));
const trackUnits = module.units.flatMap((unit) => unit.items.map(() => unit.id));

// The platform's own statements for these two requests, from its build (the bench builds before it starts this).
const {
  RECORD_ITEM_SQL,
  QUIZ_STANDING_SQL,
  INSERT_ATTEMPT_SQL,
} = require('../dist/libs/progress/src/progress-writes.sql.js');

const COLUMNS = `id, member_id AS "memberId", module_id AS "moduleId", module_slug AS "moduleSlug", version, track,
  status, completed_items AS "completedItems", total_items AS "totalItems", enrolled_at AS "enrolledAt", completed_at AS "completedAt",
  last_activity_at AS "lastActivityAt", current_item_id AS "currentItemId", current, renewal_of AS "renewalOf"`;

function user(request) {
  const header = request.headers.authorization ?? '';
  const [head, body, signature] = header.replace(/^Bearer /, '').split('.');
  if (!signature) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  return claims.exp > Date.now() / 1000 ? { id: claims.sub } : null;
}

/** EnrolmentService.lockWritable: the enrolment read under its lock, only for its owner (else 404). */
async function lockOwned(client, me, id) {
  const { rows } = await client.query({
    name: 'lock',
    text: `SELECT ${COLUMNS} FROM progress.enrolments WHERE id = $1 FOR UPDATE`,
    values: [id],
  });
  return rows[0] && rows[0].memberId === me.id ? rows[0] : null;
}

/** A transaction whose work returns null to roll back and answer 404. */
async function transaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(result === null ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const notFound = (reply, message) => reply.code(404).send({ statusCode: 404, error: 'Not Found', message });

/** CompletionService.record + EnrolmentRepository.recordItem: the item, the counter and the read-back in one
 * statement, then the unit check and (when last) the completion and outbox row. */
async function record(client, enrolment, item, source, by) {
  const { rows } = await client.query({
    name: 'record',
    text: RECORD_ITEM_SQL,
    values: [enrolment.id, item.id, source, by, trackItems, trackUnits],
  });
  const { inserted, completedItems, done, standings } = rows[0];
  const completed = new Set(done).add(item.id);
  const outcome = { enrolment, completed, standings };
  if (!inserted) return outcome;
  outcome.enrolment = { ...enrolment, completedItems };
  if (item.unit.items.every((i) => completed.has(i.id))) {
    await client.query({
      name: 'unit',
      text: `INSERT INTO progress.unit_counters (module_id, unit_id, slot, completed) VALUES ($1, $2, $3, 1)
       ON CONFLICT (module_id, unit_id, slot) DO UPDATE SET completed = unit_counters.completed + 1`,
      values: [enrolment.moduleId, item.unit.id, Math.floor(Math.random() * 8)],
    });
  }
  if (completedItems < enrolment.totalItems) return outcome;
  const marked = await client.query(
    `UPDATE progress.enrolments SET status = 'completed', completed_at = now() WHERE id = $1 AND status = 'in_progress' RETURNING completed_at`,
    [enrolment.id],
  );
  if (!marked.rows.length) return outcome;
  outcome.enrolment = { ...outcome.enrolment, status: 'completed', completedAt: marked.rows[0].completed_at };
  await client.query(
    `INSERT INTO progress.module_counters (module_id, slot, enrolled, completed) VALUES ($1, $2, 0, 1)
     ON CONFLICT (module_id, slot) DO UPDATE SET completed = module_counters.completed + 1`,
    [enrolment.moduleId, Math.floor(Math.random() * 8)],
  );
  await client.query(`INSERT INTO progress.outbox (type, payload) VALUES ('module.completed', $1)`, [
    { enrolmentId: enrolment.id, completedAt: marked.rows[0].completed_at },
  ]);
  await client.query(`SELECT pg_notify('progress_outbox', '')`);
  return outcome;
}

/** enrolmentView: the enrolment, its completed items and quiz standings, shaped for the member. */
function view({ enrolment: e, completed, standings }) {
  const quiz = new Map(standings.map((r) => [r.itemId, r]));
  return {
    id: e.id,
    module: { id: e.moduleId, slug: e.moduleSlug, version: e.version },
    track: e.track,
    status: e.status,
    enrolledAt: e.enrolledAt,
    completedAt: e.completedAt,
    progress: {
      completedItems: e.completedItems,
      totalItems: e.totalItems,
      percent: Math.floor((100 * e.completedItems) / e.totalItems),
    },
    units: module.units.map((unit) => ({
      id: unit.id,
      key: unit.key,
      completed: unit.items.every((i) => completed.has(i.id)),
      items: unit.items.map((i) => ({
        id: i.id,
        key: i.key,
        kind: i.kind,
        completed: completed.has(i.id),
        ...(quiz.has(i.id) ? { quiz: quiz.get(i.id) } : {}),
      })),
    })),
  };
}

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.post('/api/enrolments/:id/items/:itemId/complete', async (request, reply) => {
  const me = user(request);
  if (!me) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in' });
  const item = items.get(request.params.itemId);
  if (!item) return notFound(reply, 'No such item');
  if (item.kind !== 'lesson')
    return reply.code(422).send({ statusCode: 422, error: 'Unprocessable Entity', message: 'Not a lesson' });
  const outcome = await transaction(async (client) => {
    const locked = await lockOwned(client, me, request.params.id);
    return locked && record(client, locked, item, 'self', me.id);
  });
  return outcome ? view(outcome) : notFound(reply, 'No such enrolment');
});

app.post('/api/enrolments/:id/quizzes/:itemId/attempts', async (request, reply) => {
  const me = user(request);
  if (!me) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in' });
  const item = items.get(request.params.itemId);
  if (!item || item.kind !== 'quiz') return notFound(reply, 'No such quiz');
  const answers = request.body?.answers ?? {};
  const results = [
    { questionId: module.quiz.questionId, correct: answers[module.quiz.questionId] === module.quiz.rightOptionId },
  ];
  const score = (100 * results.filter((r) => r.correct).length) / results.length;
  const passed = score >= 100;
  const attempt = await transaction(async (client) => {
    const locked = await lockOwned(client, me, request.params.id);
    if (!locked) return null;
    const standing = await client.query({
      name: 'standing',
      text: QUIZ_STANDING_SQL,
      values: [locked.id, item.id],
    });
    if (standing.rows[0].passed || standing.rows[0].completed) return { already: true };
    const number = standing.rows[0].attempts + 1;
    const slot = Math.floor(Math.random() * 8);
    const inserted = await client.query({
      name: 'attempt',
      text: INSERT_ATTEMPT_SQL,
      values: [
        locked.id,
        item.id,
        number,
        JSON.stringify(answers),
        JSON.stringify(results),
        score,
        passed,
        locked.moduleId,
        slot,
        passed ? 1 : 0,
        results.map((r) => r.questionId),
        results.map((r) => (r.correct ? 0 : 1)),
      ],
    });
    if (passed) await record(client, locked, item, 'quiz', me.id);
    return { ...inserted.rows[0], number };
  });
  if (!attempt) return notFound(reply, 'No such enrolment');
  if (attempt.already)
    return reply.code(422).send({ statusCode: 422, error: 'Unprocessable Entity', message: 'Already passed' });
  return reply.code(201).send({
    id: attempt.id,
    number: attempt.number,
    score,
    passed,
    passMark: 100,
    results,
    attemptsLeft: null,
    moduleCompleted: false,
    createdAt: attempt.createdAt,
  });
});

app.get('/api/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
}
