import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@greenlight/config';
import { certificateRecord } from '../libs/certificate/src/certificate.test-helper';
import { CredentialIssuer } from '../libs/certificate/src/credentials/credential-issuer.service';
import { generateSigningSeed, loadSigningKeys } from '../libs/certificate/src/credentials/signing-keys';
import { ArtifactRequest, InProcessArtifactMaker } from '../libs/certificate/src/artifacts/certificate-artifacts';
import { ThreadedArtifactMaker } from '../libs/certificate/src/artifacts/threaded-artifact-maker';
import { CertificatePdfRenderer } from '../libs/certificate/src/rendering/certificate-pdf.renderer';
import { buildOnce, ROOT } from './support/processes';

/** The compiled thread entry, as the worker process runs it. */
const THREAD_FILE = join(ROOT, 'dist/libs/certificate/src/artifacts/artifacts.thread.js');

function request(holderName: string, locale: 'en' | 'fr' = 'en'): ArtifactRequest {
  const {
    pdfSha256: _sha,
    credential: _credential,
    credentialJwt: _jwt,
    ...record
  } = certificateRecord({
    holderName,
    locale,
    issuedAt: new Date('2026-11-30T10:00:00.000Z'),
  });
  return { record, memberEmail: `${holderName.split(' ')[0].toLowerCase()}@example.org`, units: [] };
}

describe("making certificates' PDFs and credentials on threads (the compiled thread entry)", () => {
  let config: AppConfig;
  let inProcess: InProcessArtifactMaker;
  let threaded: ThreadedArtifactMaker;

  beforeAll(async () => {
    buildOnce();
    config = loadConfig({
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      JWT_SECRET: 'artifact-threads-spec-secret-that-is-long-enough',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gl-artifacts-')),
      CREDENTIAL_SIGNING_KEY: generateSigningSeed(),
      SUBJECT_HASH_SALT: 'artifact-threads-spec-salt',
      PUBLIC_URL: 'https://learn.example.org',
    });
    inProcess = new InProcessArtifactMaker(
      new CertificatePdfRenderer(config),
      new CredentialIssuer(await loadSigningKeys(config), config),
    );
    threaded = new ThreadedArtifactMaker(config, 2, THREAD_FILE);
  }, 120_000);

  afterAll(() => threaded?.onModuleDestroy());

  it('makes the same PDF bytes and the same signed credential as the main thread, many at once', async () => {
    const requests = ['Ada Lovelace', 'Zoë Ngāti', 'Ĉu Ŝi', 'Marie Curie', 'Étienne Brûlé', 'ᐊᓂᔑᓈᐯ'].map((name, i) =>
      request(name, i % 2 ? 'fr' : 'en'),
    );
    const [onThreads, here] = await Promise.all([
      Promise.all(requests.map((r) => threaded.make(r))),
      Promise.all(requests.map((r) => inProcess.make(r))),
    ]);
    for (let i = 0; i < requests.length; i++) {
      expect(Buffer.isBuffer(onThreads[i].pdf.bytes)).toBe(true);
      expect(onThreads[i].pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(onThreads[i].pdf.sha256).toBe(here[i].pdf.sha256);
      expect(onThreads[i].pdf.bytes.equals(here[i].pdf.bytes)).toBe(true);
      expect(JSON.stringify(onThreads[i].signed.credential)).toBe(JSON.stringify(here[i].signed.credential));
      expect(onThreads[i].signed.jwt).toBe(here[i].signed.jwt);
    }
    expect(new Set(onThreads.map((d) => d.pdf.sha256)).size).toBe(requests.length);
  });

  it('passes an error making them back to the caller, and the thread carries on', async () => {
    const bad = request('Nobody');
    bad.record.locale = 'xx' as never;
    await expect(threaded.make(bad)).rejects.toThrow();
    const good = await threaded.make(request('Somebody'));
    expect(good.pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('gives up on a certificate that hangs, fails the rest of that thread and replaces it', async () => {
    const silent = join(mkdtempSync(join(tmpdir(), 'gl-silent-')), 'silent.thread.js');
    writeFileSync(silent, "require('node:worker_threads').parentPort.on('message', () => {});\n");
    const maker = new ThreadedArtifactMaker(config, 1, silent, 300);
    const threads = (maker as unknown as { threads: ({ worker: object } | null)[] }).threads;
    try {
      const hung = maker.make(request('First Hung'));
      const queued = maker.make(request('Queued Behind'));
      const first = threads[0]!.worker;
      await expect(hung).rejects.toThrow(/took over 0.3 s/);
      await expect(queued).rejects.toThrow(/was replaced/);
      expect(threads[0]).toBeNull();
      const next = maker.make(request('On A New Thread'));
      expect(threads[0]!.worker).not.toBe(first);
      await expect(next).rejects.toThrow(/took over/);
    } finally {
      await maker.onModuleDestroy();
    }
  });

  it('fails only the tasks of a thread that dies, and replaces it for the next one', async () => {
    const maker = new ThreadedArtifactMaker(config, 1, THREAD_FILE);
    try {
      await maker.make(request('Warm Up')); // the thread is running
      const inFlight = maker.make(request('Lost Cause'));
      const threads = (maker as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads;
      await threads[0].worker.terminate();
      await expect(inFlight).rejects.toThrow(/stopped/);
      const after = await maker.make(request('Next One'));
      expect(after.signed.jwt.split('.')).toHaveLength(3);
    } finally {
      await maker.onModuleDestroy();
    }
  });
});
