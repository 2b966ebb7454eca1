import { startTestApp, TestApp } from '@greenlight/testing';
import { CertificateAppModule } from './certificate-app.module';

jest.setTimeout(30_000);

describe('the certificate app on its own', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(() => CertificateAppModule);
  });
  afterAll(() => t.close());

  it('serves the JWKS at the root /.well-known path and documents every certificate route', async () => {
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    const docs = await t.request('GET', '/api/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/me/certificates',
        '/api/me/transcript',
        '/api/certificates',
        '/api/certificates/{id}',
        '/api/certificates/{id}/pdf',
        '/api/certificates/{id}/credential',
        '/api/certificates/{id}/revoke',
        '/api/certificates/{id}/reissue',
        '/api/verify/{serial}',
        '/.well-known/jwks.json',
      ]),
    );
  });
});
