/** What kind of failure a domain error is; the global filter turns the kind into an HTTP status. */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'too_many_requests';

/**
 * Base of every domain's exception. A domain declares its codes as an enum and says once which
 * kind each code is, so services throw `new ProgressException(Code.NoAttemptsLeft, '…')` and never
 * think about HTTP.
 */
export abstract class DomainException<C extends string = string> extends Error {
  protected abstract readonly kinds: Record<C, ErrorKind>;

  constructor(
    readonly code: C,
    message: string,
    readonly details?: string[],
    /** Fields added to the error body beside `code`, for a client to act on (e.g. the current revision). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get kind(): ErrorKind {
    return this.kinds[this.code];
  }
}
