/**
 * Where a member-list page ends, in the list's own order (enrolled_at, then enrolment id). It is a
 * position, not a permission: whoever may call the route may read every position anyway.
 */
export interface MemberPosition {
  /** enrolled_at to the microsecond (PostgreSQL's precision), as microseconds since 1970. */
  enrolledAtMicros: bigint;
  enrolmentId: string;
}

const VERSION = 'm1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const PAYLOAD = /^m1\.(-?\d{1,19})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const MAX_CURSOR_LENGTH = 100;
/** Years 1 to 9999: every instant PostgreSQL and an ISO string without a sign can both spell. */
const MIN_MICROS = -62_135_596_800_000_000n;
const MAX_MICROS = 253_402_300_799_999_999n;

/** The opaque string handed out as `nextCursor`: base64url of "m1.<micros>.<enrolment id>". */
export function encodeMemberCursor(position: MemberPosition): string {
  return Buffer.from(`${VERSION}.${position.enrolledAtMicros}.${position.enrolmentId}`).toString('base64url');
}

/**
 * The position a cursor names, or null when it is not one this API handed out: not base64url, not in
 * canonical form (Node's decoder skips stray characters, so the string must re-encode to itself), an
 * unknown version, or an instant out of range. A cursor is never passed to SQL without this check.
 */
export function decodeMemberCursor(cursor: string): MemberPosition | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) return null;
  const match = PAYLOAD.exec(bytes.toString('latin1'));
  if (!match) return null;
  const enrolledAtMicros = BigInt(match[1]);
  if (enrolledAtMicros < MIN_MICROS || enrolledAtMicros > MAX_MICROS) return null;
  return { enrolledAtMicros, enrolmentId: match[2] };
}

/** An ISO-8601 instant with all six fractional digits, which PostgreSQL reads back exactly. */
export function microsToIso(micros: bigint): string {
  const millis = micros >= 0n ? micros / 1000n : -((-micros + 999n) / 1000n);
  const rest = micros - millis * 1000n;
  return new Date(Number(millis)).toISOString().replace('Z', `${String(rest).padStart(3, '0')}Z`);
}
