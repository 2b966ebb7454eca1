import { DomainException, ErrorKind } from '@greenlight/common';

export enum ProgressExceptionCode {
  ModuleNotFound = 'PROGRESS_MODULE_NOT_FOUND',
  EnrolmentNotFound = 'ENROLMENT_NOT_FOUND',
  ItemNotFound = 'ITEM_NOT_FOUND',
  TrackRequired = 'TRACK_REQUIRED',
  UnknownTrack = 'UNKNOWN_TRACK',
  WrongItemKind = 'WRONG_ITEM_KIND',
  InvalidAnswers = 'INVALID_ANSWERS',
  NoAttemptsLeft = 'NO_ATTEMPTS_LEFT',
  QuizAlreadyPassed = 'QUIZ_ALREADY_PASSED',
  OwnerOnly = 'ENROLMENT_OWNER_ONLY',
  InvalidCsv = 'INVALID_ATTENDANCE_CSV',
  EnrolmentClosed = 'ENROLMENT_CLOSED',
  MemberNotFound = 'MEMBER_NOT_FOUND',
  EnrolmentCompleted = 'ENROLMENT_COMPLETED',
  UnknownUnit = 'UNKNOWN_UNIT',
  RuleNotApplicable = 'REMINDER_RULE_NOT_APPLICABLE',
}

export class ProgressException extends DomainException<ProgressExceptionCode> {
  protected readonly kinds: Record<ProgressExceptionCode, ErrorKind> = {
    [ProgressExceptionCode.ModuleNotFound]: 'not_found',
    [ProgressExceptionCode.EnrolmentNotFound]: 'not_found',
    [ProgressExceptionCode.ItemNotFound]: 'not_found',
    [ProgressExceptionCode.TrackRequired]: 'invalid',
    [ProgressExceptionCode.UnknownTrack]: 'invalid',
    [ProgressExceptionCode.WrongItemKind]: 'unprocessable',
    [ProgressExceptionCode.InvalidAnswers]: 'invalid',
    [ProgressExceptionCode.NoAttemptsLeft]: 'unprocessable',
    [ProgressExceptionCode.QuizAlreadyPassed]: 'unprocessable',
    [ProgressExceptionCode.OwnerOnly]: 'forbidden',
    [ProgressExceptionCode.InvalidCsv]: 'invalid',
    [ProgressExceptionCode.EnrolmentClosed]: 'unprocessable',
    [ProgressExceptionCode.MemberNotFound]: 'not_found',
    [ProgressExceptionCode.EnrolmentCompleted]: 'unprocessable',
    [ProgressExceptionCode.UnknownUnit]: 'invalid',
    [ProgressExceptionCode.RuleNotApplicable]: 'unprocessable',
  };
}
