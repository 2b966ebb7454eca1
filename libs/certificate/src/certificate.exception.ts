import { DomainException, ErrorKind } from '@greenlight/common';

export enum CertificateExceptionCode {
  NotFound = 'CERTIFICATE_NOT_FOUND',
  SerialNotFound = 'CERTIFICATE_SERIAL_NOT_FOUND',
  SerialMistyped = 'CERTIFICATE_SERIAL_MISTYPED',
  NotIssued = 'CERTIFICATE_NOT_ISSUED',
  FileMissing = 'CERTIFICATE_FILE_MISSING',
  StatusListNotFound = 'STATUS_LIST_NOT_FOUND',
  KeyNotFound = 'SIGNING_KEY_NOT_FOUND',
  NotACredential = 'NOT_A_CREDENTIAL',
  TooManyVerifications = 'TOO_MANY_VERIFICATIONS',
}

export class CertificateException extends DomainException<CertificateExceptionCode> {
  protected readonly kinds: Record<CertificateExceptionCode, ErrorKind> = {
    // Also for another member's certificate: never confirm that it exists.
    [CertificateExceptionCode.NotFound]: 'not_found',
    [CertificateExceptionCode.SerialNotFound]: 'not_found',
    // A mistyped serial is still "no such certificate" to the caller; the code tells the page to say "check the serial".
    [CertificateExceptionCode.SerialMistyped]: 'not_found',
    [CertificateExceptionCode.NotIssued]: 'unprocessable',
    [CertificateExceptionCode.FileMissing]: 'not_found',
    [CertificateExceptionCode.StatusListNotFound]: 'not_found',
    [CertificateExceptionCode.KeyNotFound]: 'not_found',
    [CertificateExceptionCode.NotACredential]: 'invalid',
    [CertificateExceptionCode.TooManyVerifications]: 'too_many_requests',
  };

  /** Seconds before trying again, sent as Retry-After with a 429. */
  retryAfter?: number;
}
