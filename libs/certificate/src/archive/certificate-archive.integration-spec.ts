import { Module } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser, unzip } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class ArchiveTestModule {}

describe('a module’s certificates as a ZIP', () => {
  let t: TestApp;
  let staff: TestUser;
  let slug: string;
  const serials: string[] = [];
  let revoked: string;

  const download = (query = '', token = staff.token) =>
    fetch(`${t.url}/api/modules/${slug}/certificates.zip${query}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestApp(() => ArchiveTestModule);
    const issuing = t.app.get(CertificateIssuingService, { strict: false });
    staff = await makeStaff(t);
    const module = await insertPublishedModule(t);
    slug = module.slug;
    for (const name of ['Ana Lima', '=Formula Person', 'Zoé Ñúñez']) {
      const member = await makeMember(t, { name });
      const result = await issuing.issue(completionOf(module, member.user.id));
      if (result.outcome === 'skipped') throw new Error(result.reason);
      serials.push(result.certificate.serial);
    }
    const { rows } = await t.db.pool.query(`SELECT id FROM certificate.certificates WHERE serial = $1`, [serials[2]]);
    revoked = serials[2]!;
    await issuing.revoke(rows[0].id, staff.user.id, 'Issued by mistake');
  });
  afterAll(() => t.close());

  it('streams every PDF as <serial>.pdf and a manifest, read back entry by entry', async () => {
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-certificates.zip"`);
    expect(response.headers.get('content-length')).toBeNull();
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    // In issue order; certificates issued within the same second follow their ids.
    const { rows: order } = await t.db.pool.query(
      `SELECT serial FROM certificate.certificates WHERE module_slug = $1 ORDER BY issued_at, id`,
      [slug],
    );
    expect([...entries.keys()]).toEqual([...order.map((r) => `${r.serial}.pdf`), 'certificates.csv']);

    const manifest = entries.get('certificates.csv')!.toString('utf8').split('\r\n');
    expect(manifest[0]).toBe(
      'serial,holder_name,status,track,completed_at,issued_at,valid_until,pdf_sha256,verify_url,file',
    );
    expect(manifest).toHaveLength(serials.length + 2);
    expect(manifest.at(-1)).toBe('');
    const { rows } = await t.db.pool.query(
      `SELECT serial, pdf_sha256 FROM certificate.certificates WHERE module_slug = $1`,
      [slug],
    );
    for (const row of rows) {
      const pdf = entries.get(`${row.serial}.pdf`)!;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The bytes in the ZIP are the issued file: the fingerprint on verify pages matches them.
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(row.pdf_sha256);
      const line = manifest.find((l) => l.startsWith(`${row.serial},`))!;
      expect(line).toContain(`,${row.pdf_sha256},http://localhost:3000/verify/${row.serial},${row.serial}.pdf`);
    }
    expect(manifest.find((l) => l.startsWith(`${serials[1]},`))).toContain(",'=Formula Person,issued,");
    expect(manifest.find((l) => l.startsWith(`${revoked},`))).toContain(',Zoé Ñúñez,revoked,');
  });

  it('filters by status, and rebuilds a PDF whose file was lost', async () => {
    const { rows } = await t.db.pool.query(`SELECT storage_key FROM certificate.certificates WHERE serial = $1`, [
      serials[0],
    ]);
    const file = join(t.config.CERT_STORAGE_DIR, rows[0].storage_key);
    expect(existsSync(file)).toBe(true);
    rmSync(file);
    const response = await download('?status=issued');
    expect(response.headers.get('content-disposition')).toContain('-certificates-issued.zip');
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual([`${serials[0]}.pdf`, `${serials[1]}.pdf`, 'certificates.csv'].sort());
    expect(entries.get(`${serials[0]}.pdf`)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(file)).toBe(true);
  });

  it('is for staff: members get 403, a bad status 400, a module without certificates an empty archive', async () => {
    const member = await makeMember(t);
    expect((await download('', member.token)).status).toBe(403);
    expect((await download('?status=lost')).status).toBe(400);
    slug = 'no-such-module';
    const empty = await unzip(Buffer.from(await (await download()).arrayBuffer()));
    expect([...empty.keys()]).toEqual(['certificates.csv']);
  });
});
