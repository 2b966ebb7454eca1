import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainException, ErrorKind } from './domain.exception';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  [extra: string]: unknown;
}

/** Turns anything thrown into API.md's error shape. Unknown errors are logged and never leak details. */
export function toErrorBody(exception: unknown, logger?: Logger): ErrorBody {
  if (exception instanceof DomainException) {
    const statusCode = STATUS_BY_KIND[exception.kind] ?? 500;
    return {
      ...exception.extra,
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: exception.details?.length ? exception.details : exception.message,
      code: exception.code,
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: string | string[] }).message
        : exception.message;
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  }
  const status = (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own errors (malformed JSON, body too large, bad content type) are the client's fault.
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: (exception as Error).message };
  }
  if (isUnstorableText(exception)) {
    // A safety net under the DTOs: text PostgreSQL cannot store is the client's input, not our failure.
    return {
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request contains text that cannot be stored (such as a NUL character or broken Unicode).',
    };
  }
  if (isDependencyDown(exception)) {
    logger?.warn(`Dependency unavailable: ${(exception as Error).message}`);
    return {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Greenlight is briefly unavailable. Please try again in a moment.',
    };
  }
  logger?.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' };
}

/** SQLSTATE 22021 (character not in repertoire, e.g. NUL) and 22P05 (untranslatable character). */
export function isUnstorableText(exception: unknown): boolean {
  const error = exception as { code?: string; driverError?: { code?: string } };
  const code = error?.driverError?.code ?? error?.code;
  return code === '22021' || code === '22P05';
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * PostgreSQL or Redis being down is not a bug in the request: it is a 503 that the client may retry.
 * Covers refused connections, the server shutting down (SQLSTATE class 08 and 57P0x), pool timeouts,
 * and ioredis refusing commands while offline.
 */
export function isDependencyDown(exception: unknown): boolean {
  const error = exception as { code?: string; driverError?: { code?: string }; message?: string };
  const code = error?.driverError?.code ?? error?.code;
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  const message = error?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Stream isn't writeable|Connection is closed|enableOfflineQueue|MaxRetriesPerRequest/i.test(
    message,
  );
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    const body = toErrorBody(exception, this.logger);
    const retryAfter = body.statusCode === 503 ? 5 : (exception as { retryAfter?: number }).retryAfter;
    if (retryAfter && (body.statusCode === 503 || body.statusCode === 429))
      reply.header('Retry-After', String(retryAfter));
    reply.status(body.statusCode).send(body);
  }
}
