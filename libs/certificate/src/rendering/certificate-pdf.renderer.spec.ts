import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { loadConfig } from '@greenlight/config';
import { pdfText } from '../pdf-text.test-helper';
import { CertificatePdfRenderer } from './certificate-pdf.renderer';
import type { PrintableCertificate } from './printable-certificate';

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
  validUntil: null,
  issuedAt: new Date('2026-03-05T02:00:00Z'),
  locale: 'en',
  layout: 2,
};

async function open(bytes: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
}

interface StructNode {
  role?: string;
  type?: string;
  alt?: string;
  lang?: string;
  children?: StructNode[];
}

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

  it('renders a certificate of the first, untagged layout to the very bytes it was issued with', async () => {
    // Hashes of layout 1 as issued before tagged PDFs: a lost file re-rendered still matches its pdfSha256.
    const renderer = rendererWith();
    const english = await renderer.render({ ...record, layout: 1, validUntil: '2027-03-04' });
    const french = await renderer.render({ ...record, layout: 1, locale: 'fr', trackTitle: null });
    expect(english.sha256).toBe('e290b1c2b22c168e794bfd934f9ee10e227f58617e6a29c686e5c3901ed6d1af');
    expect(french.sha256).toBe('c4c2e88f67bc25296a1fa516e18cccc51038564f113a7c5af0b6f4c5327865e9');
    expect(english.bytes.toString('latin1')).not.toContain('/StructTreeRoot');
  });

  it('prints the last valid day in the holder’s language when the certificate expires', async () => {
    const renderer = rendererWith();
    const english = await pdfText((await renderer.render({ ...record, validUntil: '2029-03-04' })).bytes);
    expect(english).toContain('Valid until March 4, 2029');
    const french = await pdfText((await renderer.render({ ...record, locale: 'fr', validUntil: '2029-03-04' })).bytes);
    expect(french).toContain('Valide jusqu’au 4 mars 2029');
    expect(await pdfText((await renderer.render(record)).bytes)).not.toMatch(/Valid until|Valide jusqu/);
  });

  it('is a tagged PDF: a structure tree in reading order, its language, and its title displayed', async () => {
    const renderer = rendererWith({ PUBLIC_URL: 'https://learn.example.org' });
    const document = await open((await renderer.render({ ...record, validUntil: '2029-03-04' })).bytes);
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    expect(await document.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    const { info } = (await document.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info).toMatchObject({ Language: 'en', Title: 'Certificate of Completion — Banking for Producers' });

    const page = await document.getPage(1);
    const tree = (await page.getStructTree()) as StructNode;
    const [root] = tree.children!;
    expect(root.role).toBe('Document');
    const roles = root.children!.map((node) => node.role);
    expect(roles).toEqual(['P', 'H1', 'P', 'P', 'P', 'P', 'P', 'P', 'P', 'Figure', 'P', 'P', 'P', 'P']);
    const qr = root.children!.find((node) => node.role === 'Figure')!;
    expect(qr.alt).toBe('QR code to verify this certificate at https://learn.example.org/verify/GL-2026-7K3Q-9XPM');

    // Every piece of text on the page belongs to an element of the tree: nothing is left for a screen reader to guess.
    const marked = new Set<string>();
    const collect = (node: StructNode) => {
      if (node.type === 'content' && 'id' in node) marked.add((node as { id: string }).id);
      node.children?.forEach(collect);
    };
    collect(tree);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const openIds: string[] = [];
    const textOutsideTree: string[] = [];
    for (const item of content.items) {
      if ('type' in item && item.type === 'beginMarkedContentProps') openIds.push(String(item.id ?? ''));
      else if ('type' in item && item.type === 'beginMarkedContent') openIds.push('');
      else if ('type' in item && item.type === 'endMarkedContent') openIds.pop();
      else if ('str' in item && item.str.trim() && !openIds.some((id) => marked.has(id)))
        textOutsideTree.push(item.str);
    }
    expect(marked.size).toBeGreaterThanOrEqual(14);
    expect(textOutsideTree).toEqual([]);
    await document.destroy();
  });

  it('says it is PDF/A-3b: XMP identification matching the Info dictionary, an sRGB output intent, fonts embedded', async () => {
    const title = 'Tax & Credits <2026>';
    const bytes = (await rendererWith().render({ ...record, moduleTitle: title, locale: 'fr' })).bytes;
    const raw = bytes.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    // Two fonts, each a subset embedded as a TrueType font file; no font is left to the reader's system.
    expect(raw.match(/\/FontFile2 /g)).toHaveLength(2);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);

    const document = await open(bytes);
    const { info, metadata } = (await document.getMetadata()) as unknown as {
      info: Record<string, unknown>;
      metadata: { get(name: string): unknown } | null;
    };
    expect(metadata).not.toBeNull();
    expect(metadata!.get('pdfaid:part')).toBe('3');
    expect(metadata!.get('pdfaid:conformance')).toBe('B');
    // The XMP copy reads back exactly as Info, ampersand and angle brackets included.
    expect(info.Title).toBe(`Certificat de réussite — ${title}`);
    expect(metadata!.get('dc:title')).toBe(info.Title);
    expect(metadata!.get('dc:description')).toBe(info.Subject);
    expect(info).toMatchObject({ Language: 'fr' });
    expect(info).not.toHaveProperty('ModDate');
    await document.destroy();
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
