import { DomainException, ErrorKind } from '@greenlight/common';

export enum CourseExceptionCode {
  ModuleNotFound = 'MODULE_NOT_FOUND',
  VersionNotFound = 'MODULE_VERSION_NOT_FOUND',
  SlugTaken = 'MODULE_SLUG_TAKEN',
  SlugMismatch = 'MODULE_SLUG_MISMATCH',
  InvalidDocument = 'INVALID_MODULE_DOCUMENT',
  StaffOnly = 'STAFF_ONLY',
  SignInRequired = 'SIGN_IN_REQUIRED',
}

export class CourseException extends DomainException<CourseExceptionCode> {
  protected readonly kinds: Record<CourseExceptionCode, ErrorKind> = {
    [CourseExceptionCode.ModuleNotFound]: 'not_found',
    [CourseExceptionCode.VersionNotFound]: 'not_found',
    [CourseExceptionCode.SlugTaken]: 'conflict',
    [CourseExceptionCode.SlugMismatch]: 'invalid',
    [CourseExceptionCode.InvalidDocument]: 'invalid',
    [CourseExceptionCode.StaffOnly]: 'forbidden',
    [CourseExceptionCode.SignInRequired]: 'unauthenticated',
  };
}
