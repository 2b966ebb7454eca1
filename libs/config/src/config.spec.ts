import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'gl-config-'));

describe('loadConfig', () => {
  it('works with no variables at all, using local defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/greenlight');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(config.CERT_THREADS).toBe(Math.max(1, Math.min(4, availableParallelism() - 1)));
  });

  it('takes CERT_THREADS=0 (draft certificates on the main thread)', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), CERT_THREADS: '0' }).CERT_THREADS).toBe(0);
  });

  it('keeps the generated development secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).JWT_SECRET).toBe(loadConfig({ DATA_DIR: dir }).JWT_SECRET);
  });

  it.each([
    ['PORT', 'abc', /PORT .*got "abc"/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres:/],
    ['REDIS_URL', 'nope', /REDIS_URL/],
    ['AUTH_RATE_LIMIT', '0', /AUTH_RATE_LIMIT/],
    ['CERT_TIMEZONE', 'Mars/Olympus', /CERT_TIMEZONE must be an IANA time zone/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY must be false, a hop count/],
    ['TRUST_PROXY', '10.0.0.1,proxy.example', /TRUST_PROXY must be false, a hop count/],
    ['SESSION_CHECK_TTL_MS', '600000', /SESSION_CHECK_TTL_MS .*got "600000"/],
    ['CERT_THREADS', '-1', /CERT_THREADS .*got "-1"/],
    ['CERT_THREADS', 'many', /CERT_THREADS .*got "many"/],
    ['LOCAL_LOGIN', 'off', /LOCAL_LOGIN .*got "off"/],
    ['OIDC_ISSUER', 'login.example.org', /OIDC_ISSUER must be a URL starting with http:\/\/ or https:/],
    ['OIDC_LABEL', 'Acme\u202eSSO', /OIDC_LABEL must not hold control or invisible characters/],
    ['OIDC_SCOPES', 'email profile', /OIDC_SCOPES must include openid/],
  ])('refuses a bad %s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(message);
  });

  it.each([
    ['false', false],
    ['true', 1],
    ['2', 2],
    ['10.0.0.1, 192.168.0.0/16,loopback', ['10.0.0.1', '192.168.0.0/16', 'loopback']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s in a form Fastify trusts hop by hop', (value, expected) => {
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  const sso = { OIDC_ISSUER: 'https://login.example.org', OIDC_CLIENT_ID: 'greenlight', OIDC_CLIENT_SECRET: 's3cret' };

  it('reads single sign-on with local passwords turned off', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), ...sso, OIDC_LABEL: 'Acme ID', LOCAL_LOGIN: 'false' });
    expect(config).toMatchObject({
      ...sso,
      OIDC_LABEL: 'Acme ID',
      LOCAL_LOGIN: false,
      OIDC_SCOPES: 'openid email profile',
    });
  });

  it('requires the OIDC issuer, client id and secret together, naming the missing ones', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET must be set together/,
    );
  });

  it('refuses LOCAL_LOGIN=false without single sign-on, which would let nobody in', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), LOCAL_LOGIN: 'false' })).toThrow(
      /LOCAL_LOGIN=false needs single sign-on/,
    );
  });

  it('refuses a plain http OIDC_ISSUER in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        ...sso,
        OIDC_ISSUER: 'http://login.example.org',
      }),
    ).toThrow(/OIDC_ISSUER must start with https:\/\/ when NODE_ENV=production/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('requires the admin email and password together', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'a@b.ca' })).toThrow(/ADMIN_PASSWORD/);
  });
});
