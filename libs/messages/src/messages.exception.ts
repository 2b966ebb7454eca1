import { DomainException, ErrorKind } from '@greenlight/common';

export enum MessagesExceptionCode {
  InvalidMessage = 'INVALID_MESSAGE',
  UnknownUnsubscribeToken = 'UNKNOWN_UNSUBSCRIBE_TOKEN',
}

export class MessagesException extends DomainException<MessagesExceptionCode> {
  protected readonly kinds: Record<MessagesExceptionCode, ErrorKind> = {
    [MessagesExceptionCode.InvalidMessage]: 'invalid',
    [MessagesExceptionCode.UnknownUnsubscribeToken]: 'not_found',
  };
}
