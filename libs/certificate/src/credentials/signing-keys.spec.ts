import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningSeed, loadSigningKeys } from './signing-keys';

const settings = (overrides: Partial<Parameters<typeof loadSigningKeys>[0]> = {}) => ({
  CREDENTIAL_SIGNING_KEY: undefined,
  CREDENTIAL_PREVIOUS_KEYS: undefined,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'gl-keys-')),
  isProduction: false,
  ...overrides,
});

describe('credential signing keys', () => {
  it('in development, generates a key on first start, warns, and keeps it for the next start', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const config = settings();
    const first = await loadSigningKeys(config);
    const second = await loadSigningKeys(config);
    expect(second.current.kid).toBe(first.current.kid);
    expect(readFileSync(join(config.DATA_DIR, 'credential-signing-key'), 'utf8')).toHaveLength(43);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('CREDENTIAL_SIGNING_KEY was not set');
    warn.mockRestore();
  });

  it('refuses to start in production without a key', async () => {
    await expect(loadSigningKeys(settings({ isProduction: true }))).rejects.toThrow(
      /CREDENTIAL_SIGNING_KEY is required/,
    );
  });

  it('refuses a key of the wrong size', async () => {
    await expect(loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEY: 'c2hvcnQ' }))).rejects.toThrow(/32 bytes/);
  });

  it('derives the same key id from the same seed, and lists retired keys after the current one', async () => {
    const seed = generateSigningSeed();
    const old = await loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEY: generateSigningSeed() }));
    const keys = await loadSigningKeys(
      settings({ CREDENTIAL_SIGNING_KEY: seed, CREDENTIAL_PREVIOUS_KEYS: ` ${old.current.jwk.x} ` }),
    );
    expect((await loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEY: seed }))).current.kid).toBe(keys.current.kid);
    expect(keys.all.map((k) => k.kid)).toEqual([keys.current.kid, old.current.kid]);
    expect(keys.all[1].jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(keys.all[1].jwk).not.toHaveProperty('d');
  });
});
