import { createServer, Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsCertificateStorage } from './fs-certificate-storage';
import { S3CertificateStorage } from './s3-certificate-storage';

describe('the S3 adapter', () => {
  it('signs requests exactly as AWS documents (Signature Version 4, GET Object example)', () => {
    const storage = new S3CertificateStorage(
      {
        endpoint: 'https://examplebucket.s3.amazonaws.com',
        bucket: 'examplebucket',
        region: 'us-east-1',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      () => new Date('2013-05-24T00:00:00Z'),
    );
    const request = storage.signedRequest('GET', 'test.txt', undefined, { Range: 'bytes=0-9' });
    expect(request.url).toBe('https://examplebucket.s3.amazonaws.com/test.txt');
    expect(request.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  describe('against an S3-compatible server', () => {
    let server: Server;
    let endpoint: string;
    const objects = new Map<string, Buffer>();
    const seen: { method: string; url: string; authorization?: string }[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization });
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const key = request.url!;
          if (request.method === 'PUT') objects.set(key, Buffer.concat(chunks));
          if (request.method === 'DELETE') objects.delete(key);
          if (request.method === 'GET' && !objects.has(key)) return void response.writeHead(404).end();
          response
            .writeHead(request.method === 'DELETE' ? 204 : 200)
            .end(request.method === 'GET' ? objects.get(key) : undefined);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('puts, gets and deletes a PDF with path-style, signed requests', async () => {
      const storage = new S3CertificateStorage({
        endpoint,
        bucket: 'certificates',
        region: 'ca-central-1',
        accessKeyId: 'AK',
        secretAccessKey: 'SECRET',
      });
      const bytes = Buffer.from('%PDF-1.7 test');
      await storage.put('2026/GL-2026-AAAA-AAAA.pdf', bytes);
      expect(objects.get('/certificates/2026/GL-2026-AAAA-AAAA.pdf')).toEqual(bytes);
      expect(await storage.get('2026/GL-2026-AAAA-AAAA.pdf')).toEqual(bytes);
      await storage.delete('2026/GL-2026-AAAA-AAAA.pdf');
      expect(await storage.get('2026/GL-2026-AAAA-AAAA.pdf')).toBeNull();
      expect(seen.every((r) => r.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=AK/'))).toBe(true);
    });
  });
});

describe('the filesystem storage', () => {
  it('writes, overwrites, reads and deletes files under its directory, and refuses keys that escape it', async () => {
    const storage = new FsCertificateStorage(mkdtempSync(join(tmpdir(), 'gl-store-')));
    await storage.put('2026/a.pdf', Buffer.from('one'));
    await storage.put('2026/a.pdf', Buffer.from('two'));
    expect((await storage.get('2026/a.pdf'))?.toString()).toBe('two');
    await storage.delete('2026/a.pdf');
    expect(await storage.get('2026/a.pdf')).toBeNull();
    await expect(storage.put('../outside.pdf', Buffer.from('x'))).rejects.toThrow(/escapes/);
  });
});
