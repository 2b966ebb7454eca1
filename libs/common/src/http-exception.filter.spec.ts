import { BadRequestException } from '@nestjs/common';
import { DomainException, ErrorKind } from './domain.exception';
import { isDependencyDown, toErrorBody } from './http-exception.filter';

enum SampleCode {
  Missing = 'MISSING',
  Closed = 'CLOSED',
}

class SampleException extends DomainException<SampleCode> {
  protected readonly kinds: Record<SampleCode, ErrorKind> = {
    [SampleCode.Missing]: 'not_found',
    [SampleCode.Closed]: 'unprocessable',
  };
}

describe('toErrorBody', () => {
  it('maps a domain code to its status with the API.md shape', () => {
    expect(toErrorBody(new SampleException(SampleCode.Closed, 'The module is closed.'))).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'The module is closed.',
      code: 'CLOSED',
    });
  });

  it('answers 400, not 500, when PostgreSQL refuses text (a NUL character) that got past validation', () => {
    const fromPg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    expect(toErrorBody({ driverError: fromPg, message: fromPg.message })).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
    });
    expect(toErrorBody(Object.assign(new Error('untranslatable'), { code: '22P05' })).statusCode).toBe(400);
  });

  it('lists every detail when a domain error has several', () => {
    const body = toErrorBody(new SampleException(SampleCode.Missing, 'x', ['a: one', 'b: two']));
    expect(body).toMatchObject({ statusCode: 404, message: ['a: one', 'b: two'] });
  });

  it('keeps the message list of a validation error', () => {
    expect(toErrorBody(new BadRequestException(['email: invalid']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['email: invalid'],
    });
  });

  it('answers 503, not 500, when PostgreSQL or Redis is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toErrorBody(refused).statusCode).toBe(503);
    expect(toErrorBody({ message: 'terminating', driverError: { code: '57P01' } }).statusCode).toBe(503);
    expect(toErrorBody(new Error("Stream isn't writeable and enableOfflineQueue options is false")).statusCode).toBe(
      503,
    );
  });

  it('hides the details of an unexpected error', () => {
    const body = toErrorBody(new TypeError('secret internals'));
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side.',
    });
  });

  it('does not take a bug for an outage', () => {
    expect(isDependencyDown(new TypeError('x is undefined'))).toBe(false);
  });
});
