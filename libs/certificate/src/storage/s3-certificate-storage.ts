import { createHash, createHmac } from 'node:crypto';
import { CertificateStorage } from './certificate-storage';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Any S3-compatible store (AWS, MinIO, R2, …) through plain requests signed with Signature
 * Version 4: three verbs do not justify an SDK.
 */
export class S3CertificateStorage extends CertificateStorage {
  constructor(
    private readonly settings: S3Settings,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const response = await this.send('PUT', key, bytes, { 'content-type': 'application/pdf' });
    if (!response.ok) throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await this.send('GET', key);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`S3 GET ${key} failed: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
  }

  /** The request with its SigV4 headers; exposed for tests of the signature. */
  signedRequest(method: string, key: string, body?: Buffer, extraHeaders: Record<string, string> = {}) {
    const { endpoint, bucket, region, accessKeyId, secretAccessKey } = this.settings;
    const base = new URL(endpoint);
    // Path-style (`endpoint/bucket/key`) unless the endpoint already names the bucket as its host.
    const virtualHosted = base.hostname.startsWith(`${bucket}.`);
    const segments = [...(virtualHosted ? [] : [bucket]), ...key.split('/')].map(encodeURIComponent);
    const path = `${base.pathname.replace(/\/$/, '')}/${segments.join('/')}`;
    const url = new URL(path, base);
    const amzDate = this.now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256(body ?? '');
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
      ...Object.fromEntries(Object.entries(extraHeaders).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const names = Object.keys(headers).sort();
    const canonicalRequest = [
      method,
      url.pathname,
      '',
      ...names.map((name) => `${name}:${headers[name].trim()}`),
      '',
      names.join(';'),
      payloadHash,
    ].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), 's3'), 'aws4_request');
    const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
    headers.authorization =
      `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, ` +
      `SignedHeaders=${names.join(';')}, Signature=${signature}`;
    delete headers.host;
    return { url: url.toString(), headers };
  }

  private send(method: string, key: string, body?: Buffer, headers?: Record<string, string>) {
    const request = this.signedRequest(method, key, body, headers);
    return fetch(request.url, { method, headers: request.headers, body: body ? new Uint8Array(body) : undefined });
  }
}
