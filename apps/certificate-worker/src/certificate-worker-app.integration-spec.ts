import { freePort, startTestApp, TestApp } from '@greenlight/testing';
import { CertificateWorkerAppModule } from './certificate-worker-app.module';

jest.setTimeout(30_000);

describe('the certificate worker app', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp(() => CertificateWorkerAppModule, {
      env: { WORKER_HEALTH_PORT: String(port), HOST: '127.0.0.1' },
    });
  });
  afterAll(() => t.close());

  it('answers health checks on WORKER_HEALTH_PORT', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
