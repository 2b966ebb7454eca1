import { TokenSession, VerifiedTokens } from './verified-tokens';

const member: TokenSession = { userId: 'm-1', sessionId: 's-1' };
const now = Date.UTC(2026, 10, 30, 12);
const inSeconds = (s: number) => now / 1000 + s;

describe('VerifiedTokens', () => {
  it('finds a remembered token until the second its claim expires', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', member, inSeconds(60));
    expect(tokens.get('a.b.c', now)).toEqual(member);
    expect(tokens.get('a.b.c', now + 59_999)).toEqual(member);
    expect(tokens.get('a.b.c', now + 60_000)).toBeUndefined();
    expect(tokens.get('a.b.c', now)).toBeUndefined(); // forgotten once expired
  });

  it('knows only the exact token it was given', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', member, inSeconds(60));
    expect(tokens.get('a.b.d', now)).toBeUndefined();
    expect(tokens.get('a.b.c ', now)).toBeUndefined();
  });

  it('never keeps a token without an expiry claim', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', member, undefined);
    tokens.remember('d.e.f', member, '9999999999');
    expect(tokens.get('a.b.c', now)).toBeUndefined();
    expect(tokens.get('d.e.f', now)).toBeUndefined();
  });

  it('hands out a frozen copy, so no request can change what the next one sees', () => {
    const tokens = new VerifiedTokens();
    const session = { ...member };
    tokens.remember('a.b.c', session, inSeconds(60));
    session.userId = 'someone-else';
    const found = tokens.get('a.b.c', now)!;
    expect(found.userId).toBe('m-1');
    expect(Object.isFrozen(found)).toBe(true);
  });

  it('drops the oldest token when it holds 10,000', () => {
    const tokens = new VerifiedTokens();
    for (let i = 0; i <= 10_000; i++) tokens.remember(`t${i}`, member, inSeconds(60));
    expect(tokens.get('t0', now)).toBeUndefined();
    expect(tokens.get('t1', now)).toEqual(member);
    expect(tokens.get('t10000', now)).toEqual(member);
  });
});
