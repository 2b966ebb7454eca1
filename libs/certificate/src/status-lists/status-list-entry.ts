/**
 * Bits per status list: the W3C Bitstring Status List minimum (16 KiB uncompressed), so a list gives a
 * verifier no hint of which of 131,072 credentials it is checking.
 */
export const STATUS_LIST_LENGTH = 131_072;

export type StatusPurpose = 'revocation';

/** Where a certificate's bit is: the list, and the index within it. */
export function statusListSlot(position: number): { list: number; index: number } {
  return { list: Math.floor(position / STATUS_LIST_LENGTH), index: position % STATUS_LIST_LENGTH };
}

export function statusListUrl(publicUrl: string, list: number): string {
  return `${publicUrl.replace(/\/$/, '')}/api/status-lists/${list}`;
}

/** The `credentialStatus` a credential carries for its position. */
export function statusListEntry(publicUrl: string, position: number): Record<string, string> {
  const { list, index } = statusListSlot(position);
  const url = statusListUrl(publicUrl, list);
  return {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: url,
  };
}
