import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * One JSON line per answered request — its id (also sent back as `x-request-id`), method, path, status
 * and milliseconds — written from a Fastify hook. pino-http's middleware did the same by binding a child
 * logger to every request through async context, which cost about 0.15 ms of CPU per request (bench part
 * a) for a logger the services never used. Health checks are not logged; 5xx answers are errors. The
 * logger is looked up per line: the application's root logger exists only once Nest has initialised.
 */
export function logRequests(fastify: FastifyInstance, logger: () => Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.url !== '/api/health') {
      const line = {
        reqId: request.id,
        // Flat fields: the logger's `req`/`res` serializers expect Node's own request and response.
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (reply.statusCode >= 500) logger().error(line, 'request failed');
      else logger().info(line, 'request completed');
    }
    done();
  });
}
