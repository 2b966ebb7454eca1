import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { loadConfig } from '@greenlight/config';
import { pdfText } from '../pdf-text.test-helper';
import { CertificatePdfRenderer, PrintableCertificate } from './certificate-pdf.renderer';

jest.setTimeout(20_000);

const dir = mkdtempSync(join(tmpdir(), 'gl-render-'));
const rendererWith = (env: Record<string, string> = {}) =>
  new CertificatePdfRenderer(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...env }));

const record: PrintableCertificate = {
  serial: 'GL-2026-7K3Q-9XPM',
  holderName: 'Nîpisîhkopahk Ōkawa',
  moduleTitle: 'Banking for Producers',
  moduleVersion: 3,
  trackTitle: 'Established producers',
  cpdHours: 1,
  completionDate: '2026-03-04',
  issuedAt: new Date('2026-03-05T02:00:00Z'),
  locale: 'en',
};

describe('the certificate PDF', () => {
  it('is the same bytes for the same record, and different for another serial', async () => {
    const renderer = rendererWith();
    const [a, b, c] = await Promise.all([
      renderer.render(record),
      renderer.render({ ...record }),
      renderer.render({ ...record, serial: 'GL-2026-7K3Q-9XPN' }),
    ]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('stays the same bytes whatever the process rendered before (fonts are parsed once and shared)', async () => {
    const renderer = rendererWith();
    const first = await renderer.render(record);
    await renderer.render({ ...record, holderName: 'Ŝĉ Ǿ ᐊᐃᔨᐊ ꞌ', locale: 'fr', trackTitle: null });
    const again = await renderer.render(record);
    expect(again.sha256).toBe(first.sha256);
  });

  it('sets a long name smaller on its one line rather than wrapping it over the next', async () => {
    const holderName = 'Marie-Ève Tremblay-Bouchard de la Roche-Guyon';
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await pdfjs.getDocument({
      data: new Uint8Array((await rendererWith().render({ ...record, holderName })).bytes),
    }).promise;
    const items = (await (await document.getPage(1)).getTextContent()).items.flatMap((item) =>
      'str' in item ? [{ str: item.str.normalize('NFC'), size: Math.hypot(item.transform[0], item.transform[1]) }] : [],
    );
    await document.destroy();
    const line = items.find((item) => item.str === holderName);
    expect(line).toBeDefined();
    expect(line!.size).toBeLessThan(30);
    expect(line!.size).toBeGreaterThanOrEqual(18);
  });

  it('prints the English wording, the issuer and signatory from config, and the verify address', async () => {
    const renderer = rendererWith({
      ISSUER_NAME: 'Screen Producers of the North',
      ISSUER_SIGNATORY: 'Marie Tremblay, Director',
      PUBLIC_URL: 'https://learn.example.org',
    });
    const text = await pdfText((await renderer.render(record)).bytes);
    for (const expected of [
      'Certificate of Completion',
      'Nîpisîhkopahk Ōkawa',
      'Banking for Producers (v3)',
      'Track: Established producers',
      'March 4, 2026',
      '1 CPD hour',
      'Screen Producers of the North',
      'Marie Tremblay, Director',
      'https://learn.example.org/verify/',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('embeds the logo when CERT_LOGO_PATH is set', async () => {
    const logo = join(dir, 'logo.png');
    writeFileSync(logo, await QRCode.toBuffer('logo', { width: 64 }));
    const withLogo = await rendererWith({ CERT_LOGO_PATH: logo }).render(record);
    const without = await rendererWith().render(record);
    expect(withLogo.bytes.toString('latin1')).toContain('/Subtype /Image');
    expect(without.bytes.toString('latin1')).not.toContain('/Subtype /Image');
  });
});
