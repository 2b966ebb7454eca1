import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Locale } from '@greenlight/common';

export interface RenderedPdf {
  bytes: Buffer;
  sha256: string;
}

const FONT_DIR = 'dejavu-fonts-ttf/ttf';

/**
 * pdfkit parses a font given as bytes again for every document (about 4/5 of a certificate's render
 * time). It also accepts a font already parsed by fontkit — its own dependency, reached through it —
 * so each font is parsed once per process and only subset per document.
 */
export type ParsedFont = { unitsPerEm: number; layout: (text: string) => { advanceWidth: number } };
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create: (bytes: Buffer) => ParsedFont };
export const parseFont = (file: string) => fontkit.create(readFileSync(require.resolve(`${FONT_DIR}/${file}`)));
export const INK = '#1b2a3a';
export const ACCENT = '#2f7d4f';
export const MUTED = '#5b6b7a';

/** The two faces every document embeds, parsed once per process. */
export interface PdfFonts {
  regular: ParsedFont;
  bold: ParsedFont;
}

export const loadFonts = (): PdfFonts => ({
  regular: parseFont('DejaVuSans.ttf'),
  bold: parseFont('DejaVuSans-Bold.ttf'),
});

export interface DocumentContext {
  fonts: PdfFonts;
  issuerName: string;
}

export function pdfDocument(
  { fonts, issuerName }: DocumentContext,
  date: Date,
  info: Record<string, string>,
  locale: Locale,
  archival = false,
): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: locale,
    ...(archival
      ? // Tagged (a structure tree for screen readers), the title shown instead of the file name, and
        // PDF/A-3b: fonts embedded (they are), an sRGB output intent and XMP metadata matching Info.
        { tagged: true, displayTitle: true, pdfVersion: '1.7' as const, subset: 'PDF/A-3b' as const }
      : {}),
    info: {
      Author: issuerName,
      Creator: 'Greenlight',
      Producer: 'Greenlight',
      CreationDate: date,
      // PDF/A wants every Info entry mirrored in the XMP metadata, and pdfkit writes no xmp:ModifyDate.
      ...(archival ? {} : { ModDate: date }),
      ...(archival ? xmpSafe(info) : info),
    },
  });
  // pdfkit's types name only paths and bytes; a parsed fontkit font is accepted too (see parseFont).
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  return doc;
}

/** The QR code as vector squares: sharper than a bitmap at any zoom, and no PNG encoding per certificate. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill(INK);
}

/**
 * What is drawn, as structure elements under one `Document` in reading order (tagged layouts), or drawn
 * plainly (layout 1, whose bytes must not change). Decoration is marked as artifacts, outside the tree.
 */
export class Structure {
  private readonly root: PDFKit.PDFStructureElement | null;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    tagged: boolean,
  ) {
    this.root = tagged ? doc.struct('Document') : null;
    if (this.root) doc.addStructure(this.root);
  }

  /** The closure runs at once: the root is attached, so pdfkit draws its content as it is added. */
  element(type: string, draw: () => unknown, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    if (!this.root) {
      draw();
      return;
    }
    this.root.add(this.doc.struct(type, options, () => void draw()));
  }

  artifact(draw: () => unknown): void {
    if (!this.root) {
      draw();
      return;
    }
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  end(): void {
    this.root?.end();
  }
}

/**
 * Info strings whose XMP copy is XML-escaped. pdfkit writes Info values into the XMP packet as they are
 * (a module title with "&" or "<" would break it) and into the Info dictionary through `valueOf()`; a
 * String whose `toString()` escapes gives each its right form.
 */
class XmpSafeText extends String {
  override toString(): string {
    return this.valueOf().replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }
}

function xmpSafe(info: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(info).map(([key, value]) => [key, new XmpSafeText(value) as string]));
}

export function finish(doc: PDFKit.PDFDocument): Promise<RenderedPdf> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
    });
    doc.end();
  });
}
