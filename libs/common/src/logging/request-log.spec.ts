import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { logRequests } from './request-log';

describe('logRequests', () => {
  async function serve() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, next) {
        lines.push(JSON.parse(String(chunk)));
        next();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const app = Fastify({ genReqId: () => 'req-1' });
    logRequests(app, () => logger);
    app.get('/api/health', async () => ({ status: 'ok' }));
    app.get('/api/things', async () => ({ ok: true }));
    app.get('/api/broken', async () => {
      throw new Error('boom');
    });
    await app.ready();
    return { app, lines };
  }

  it('writes one line per answered request with its id, method, path, status and time', async () => {
    const { app, lines } = await serve();
    await app.inject({ method: 'GET', url: '/api/things?page=2' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      reqId: 'req-1',
      method: 'GET',
      url: '/api/things?page=2',
      statusCode: 200,
      msg: 'request completed',
    });
    expect(typeof lines[0].responseTime).toBe('number');
    await app.close();
  });

  it('logs 5xx answers as errors and leaves health checks out', async () => {
    const { app, lines } = await serve();
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'GET', url: '/api/broken' });
    expect(lines.filter((line) => line.msg === 'request completed' || line.msg === 'request failed')).toEqual([
      expect.objectContaining({ level: 50, statusCode: 500, url: '/api/broken', msg: 'request failed' }),
    ]);
    await app.close();
  });
});
