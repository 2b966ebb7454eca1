import { DomainException, ErrorKind } from '@greenlight/common';

export enum AuthExceptionCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  NotSignedIn = 'NOT_SIGNED_IN',
  Forbidden = 'FORBIDDEN',
  EmailTaken = 'EMAIL_TAKEN',
  AccountSlowedDown = 'ACCOUNT_SLOWED_DOWN',
  WrongCurrentPassword = 'WRONG_CURRENT_PASSWORD',
  UserNotFound = 'USER_NOT_FOUND',
  CrossSiteRequest = 'CROSS_SITE_REQUEST',
  InvalidToken = 'INVALID_TOKEN',
  LocalLoginDisabled = 'LOCAL_LOGIN_DISABLED',
  SsoNotConfigured = 'SSO_NOT_CONFIGURED',
}

export class AuthException extends DomainException<AuthExceptionCode> {
  protected readonly kinds: Record<AuthExceptionCode, ErrorKind> = {
    [AuthExceptionCode.InvalidCredentials]: 'unauthenticated',
    [AuthExceptionCode.NotSignedIn]: 'unauthenticated',
    [AuthExceptionCode.Forbidden]: 'forbidden',
    [AuthExceptionCode.EmailTaken]: 'conflict',
    [AuthExceptionCode.AccountSlowedDown]: 'too_many_requests',
    [AuthExceptionCode.WrongCurrentPassword]: 'invalid',
    [AuthExceptionCode.UserNotFound]: 'not_found',
    [AuthExceptionCode.CrossSiteRequest]: 'forbidden',
    [AuthExceptionCode.InvalidToken]: 'invalid',
    [AuthExceptionCode.LocalLoginDisabled]: 'forbidden',
    [AuthExceptionCode.SsoNotConfigured]: 'not_found',
  };

  retryAfter?: number;
}
