import { DomainException, ErrorKind } from '@greenlight/common';

export enum CourseExceptionCode {
  ModuleNotFound = 'MODULE_NOT_FOUND',
  VersionNotFound = 'MODULE_VERSION_NOT_FOUND',
  ItemNotFound = 'ITEM_NOT_FOUND',
  SlugTaken = 'MODULE_SLUG_TAKEN',
  /** The module has been published: its slug is in links, certificates and enrolments. */
  SlugFixed = 'MODULE_SLUG_FIXED',
  InvalidDocument = 'INVALID_MODULE_DOCUMENT',
  InvalidTrack = 'INVALID_TRACK',
  /** `If-Match` named a revision that is no longer the draft's. */
  DraftConflict = 'DRAFT_CONFLICT',
  /** The draft equals the newest version. */
  NothingToPublish = 'NOTHING_TO_PUBLISH',
  StaffOnly = 'STAFF_ONLY',
  SignInRequired = 'SIGN_IN_REQUIRED',
}

export class CourseException extends DomainException<CourseExceptionCode> {
  protected readonly kinds: Record<CourseExceptionCode, ErrorKind> = {
    [CourseExceptionCode.ModuleNotFound]: 'not_found',
    [CourseExceptionCode.VersionNotFound]: 'not_found',
    [CourseExceptionCode.ItemNotFound]: 'not_found',
    [CourseExceptionCode.SlugTaken]: 'conflict',
    [CourseExceptionCode.SlugFixed]: 'unprocessable',
    [CourseExceptionCode.InvalidDocument]: 'invalid',
    [CourseExceptionCode.InvalidTrack]: 'invalid',
    [CourseExceptionCode.DraftConflict]: 'conflict',
    [CourseExceptionCode.NothingToPublish]: 'unprocessable',
    [CourseExceptionCode.StaffOnly]: 'forbidden',
    [CourseExceptionCode.SignInRequired]: 'unauthenticated',
  };
}
