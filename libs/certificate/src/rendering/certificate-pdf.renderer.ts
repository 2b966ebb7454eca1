import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { NAME_LINE, nameFontSize, type Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { UndraftedCertificate } from '../issuing/certificate.repository';
import { validUntilDay } from '../issuing/validity';
import { formatDay, TEXTS } from './certificate-texts';

/**
 * How a certificate's PDF is built. 1: the first layout, untagged. 2: a tagged PDF (structure tree,
 * language, title displayed) conforming to PDF/A-3b. A certificate keeps the layout it was issued with,
 * so a lost file renders again to the bytes its pdfSha256 names.
 */
export const PDF_LAYOUTS = [1, 2] as const;
export type PdfLayout = (typeof PDF_LAYOUTS)[number];
export const CURRENT_PDF_LAYOUT: PdfLayout = 2;

/** Everything printed on a certificate: a snapshot, so the same record always renders the same bytes. */
export interface PrintableCertificate {
  serial: string;
  holderName: string;
  moduleTitle: string;
  moduleVersion: number;
  trackTitle: string | null;
  cpdHours: number;
  completionDate: string;
  /** The last day it is valid, YYYY-MM-DD in the issuer's zone; null: it never expires. */
  validUntil: string | null;
  issuedAt: Date;
  locale: Locale;
  layout: PdfLayout;
}

/** What a certificate record prints, in its holder's language. */
export function printableOf(
  c: Pick<
    UndraftedCertificate,
    | 'serial'
    | 'holderName'
    | 'moduleTitle'
    | 'moduleVersion'
    | 'trackTitle'
    | 'cpdHours'
    | 'completionDate'
    | 'validUntil'
    | 'timeZone'
    | 'issuedAt'
    | 'locale'
    | 'pdfLayout'
  >,
): PrintableCertificate {
  return {
    serial: c.serial,
    holderName: c.holderName,
    moduleTitle: c.moduleTitle[c.locale],
    moduleVersion: c.moduleVersion,
    trackTitle: c.trackTitle?.[c.locale] ?? null,
    cpdHours: c.cpdHours,
    completionDate: c.completionDate,
    validUntil: validUntilDay(c.validUntil, c.timeZone),
    issuedAt: c.issuedAt,
    locale: c.locale,
    layout: c.pdfLayout,
  };
}

export interface TranscriptLine {
  moduleTitle: string;
  trackTitle: string | null;
  completionDate: string;
  cpdHours: number;
  serial: string;
}

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
type ParsedFont = { unitsPerEm: number; layout: (text: string) => { advanceWidth: number } };
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create: (bytes: Buffer) => ParsedFont };
const parseFont = (file: string) => fontkit.create(readFileSync(require.resolve(`${FONT_DIR}/${file}`)));
const INK = '#1b2a3a';
const ACCENT = '#2f7d4f';
const MUTED = '#5b6b7a';

/**
 * Landscape Letter certificates with pdfkit and DejaVu Sans (it carries stacked accents and the
 * syllabics some members' names need). PDF metadata dates come from the record and pdfkit derives the
 * file id from them, so rendering is deterministic and pdfSha256 identifies the file.
 */
@Injectable()
export class CertificatePdfRenderer {
  private readonly regular = parseFont('DejaVuSans.ttf');
  private readonly bold = parseFont('DejaVuSans-Bold.ttf');
  private readonly logo: Buffer | null;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.logo = config.CERT_LOGO_PATH ? readFileSync(config.CERT_LOGO_PATH) : null;
  }

  verifyUrl(serial: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/verify/${serial}`;
  }

  async render(certificate: PrintableCertificate): Promise<RenderedPdf> {
    const t = TEXTS[certificate.locale];
    const tagged = certificate.layout >= 2;
    const doc = this.document(
      certificate.issuedAt,
      {
        Title: `${t.heading} — ${certificate.moduleTitle}`,
        Subject: `${certificate.holderName} — ${certificate.serial}`,
        Keywords: certificate.serial,
      },
      certificate.locale,
      tagged,
    );
    doc.addPage({ size: 'LETTER', layout: 'landscape', margin: 0 });
    const structure = new Structure(doc, tagged);
    const width = doc.page.width;
    const height = doc.page.height;
    const inner = { x: 54, width: width - 108 };
    const verifyUrl = this.verifyUrl(certificate.serial);

    structure.artifact(() => {
      doc
        .lineWidth(3)
        .strokeColor(ACCENT)
        .rect(24, 24, width - 48, height - 48)
        .stroke();
      doc
        .lineWidth(0.75)
        .strokeColor(INK)
        .rect(32, 32, width - 64, height - 64)
        .stroke();
    });
    const logo = this.logo;
    if (logo) {
      structure.element('Figure', () => doc.image(logo, inner.x, 48, { fit: [120, 60] }), {
        alt: `${this.config.ISSUER_NAME} — logo`,
      });
    }

    const centred = { width: inner.width, align: 'center' as const };
    structure.element('P', () =>
      doc
        .fillColor(MUTED)
        .font('regular')
        .fontSize(13)
        .text(this.config.PROGRAM_NAME.toUpperCase(), inner.x, 64, {
          ...centred,
          characterSpacing: 2,
        }),
    );
    structure.element('H1', () => doc.fillColor(INK).font('bold').fontSize(34).text(t.heading, inner.x, 92, centred));
    structure.element('P', () =>
      doc.fillColor(MUTED).font('regular').fontSize(14).text(t.certifies, inner.x, 160, centred),
    );
    // A long name is set smaller rather than wrapped over the next line; the auth lib refuses what would not fit.
    const nameSize = nameFontSize(this.bold.layout(certificate.holderName).advanceWidth / this.bold.unitsPerEm);
    structure.element('P', () =>
      doc
        .fillColor(INK)
        .font('bold')
        .fontSize(nameSize ?? NAME_LINE.smallestPt)
        .text(
          certificate.holderName,
          inner.x,
          186 + (NAME_LINE.largestPt - (nameSize ?? NAME_LINE.smallestPt)) / 2,
          centred,
        ),
    );
    structure.element('P', () =>
      doc.fillColor(MUTED).font('regular').fontSize(14).text(t.completed, inner.x, 240, centred),
    );
    structure.element('P', () =>
      doc
        .fillColor(INK)
        .font('bold')
        .fontSize(20)
        .text(`${certificate.moduleTitle} (v${certificate.moduleVersion})`, inner.x, 266, centred),
    );
    let y = doc.y + 8;
    const trackTitle = certificate.trackTitle;
    if (trackTitle) {
      structure.element('P', () =>
        doc
          .fillColor(MUTED)
          .font('regular')
          .fontSize(13)
          .text(`${t.track}${t.colon}${trackTitle}`, inner.x, y, centred),
      );
      y = doc.y + 4;
    }
    structure.element('P', () =>
      doc
        .fillColor(INK)
        .font('regular')
        .fontSize(13)
        .text(
          `${t.completedOn} ${formatDay(certificate.completionDate, certificate.locale)} · ${t.cpdHours(certificate.cpdHours)}`,
          inner.x,
          y + 6,
          centred,
        ),
    );
    // The first layout printed no validity: its certificates keep their bytes.
    const validUntil = tagged ? certificate.validUntil : null;
    if (validUntil) {
      structure.element('P', () =>
        doc
          .fillColor(INK)
          .font('bold')
          .fontSize(13)
          .text(`${t.validUntil} ${formatDay(validUntil, certificate.locale)}`, inner.x, doc.y + 6, centred),
      );
    }

    const footY = height - 170;
    structure.element('Figure', () => this.drawQr(doc, verifyUrl, inner.x + 10, footY, 104), {
      alt: `${t.qrCode} ${verifyUrl}`,
    });
    structure.element('P', () =>
      doc
        .fillColor(MUTED)
        .font('regular')
        .fontSize(9)
        .text(`${t.verify} ${verifyUrl}`, inner.x + 124, footY + 60, { width: 260 }),
    );
    structure.element('P', () =>
      doc
        .fillColor(INK)
        .font('bold')
        .fontSize(12)
        .text(`${t.serial}${t.colon}${certificate.serial}`, inner.x + 124, footY + 36),
    );

    const signX = width - 54 - 250;
    structure.artifact(() =>
      doc
        .lineWidth(0.75)
        .strokeColor(INK)
        .moveTo(signX, footY + 60)
        .lineTo(signX + 250, footY + 60)
        .stroke(),
    );
    structure.element('P', () =>
      doc
        .fillColor(INK)
        .font('bold')
        .fontSize(12)
        .text(this.config.ISSUER_SIGNATORY, signX, footY + 68, {
          width: 250,
          align: 'center',
        }),
    );
    structure.element('P', () =>
      doc
        .fillColor(MUTED)
        .font('regular')
        .fontSize(11)
        .text(this.config.ISSUER_NAME, signX, doc.y + 2, {
          width: 250,
          align: 'center',
        }),
    );
    structure.end();
    return finish(doc);
  }

  /** A member's transcript: every certificate they hold, its CPD hours, and the total. */
  async renderTranscript(
    holderName: string,
    locale: Locale,
    lines: TranscriptLine[],
    generatedAt: Date,
  ): Promise<RenderedPdf> {
    const t = TEXTS[locale];
    const doc = this.document(generatedAt, { Title: `${t.transcript} — ${holderName}` }, locale);
    doc.addPage({ size: 'LETTER', layout: 'landscape', margin: 54 });
    doc.fillColor(MUTED).font('regular').fontSize(12).text(this.config.PROGRAM_NAME.toUpperCase());
    doc.fillColor(INK).font('bold').fontSize(24).text(t.transcript);
    doc.font('regular').fontSize(13).text(`${t.transcriptFor} ${holderName}`).moveDown();

    const columns = [
      { title: t.columns.module, width: 232 },
      { title: t.columns.track, width: 118 },
      { title: t.columns.completed, width: 104 },
      { title: t.columns.hours, width: 56 },
      // Wide enough for a three-group serial on one line.
      { title: t.columns.serial, width: 174 },
    ];
    const row = (cells: string[], font: 'regular' | 'bold') => {
      const top = doc.y;
      let x = 54;
      let bottom = top;
      doc.font(font).fontSize(10).fillColor(INK);
      cells.forEach((cell, i) => {
        doc.text(cell, x, top, { width: columns[i].width - 8 });
        bottom = Math.max(bottom, doc.y);
        x += columns[i].width;
      });
      doc.y = bottom + 6;
      if (doc.y > doc.page.height - 90) doc.addPage({ size: 'LETTER', layout: 'landscape', margin: 54 });
    };
    row(
      columns.map((c) => c.title),
      'bold',
    );
    for (const line of lines) {
      row(
        [
          line.moduleTitle,
          line.trackTitle ?? '',
          formatDay(line.completionDate, locale),
          formatHours(line.cpdHours, locale),
          line.serial,
        ],
        'regular',
      );
    }
    const total = lines.reduce((sum, line) => sum + line.cpdHours, 0);
    doc.moveDown();
    doc
      .font('bold')
      .fontSize(12)
      .text(`${t.total}${t.colon}${formatHours(total, locale)}`, 54, doc.y);
    return finish(doc);
  }

  /** The QR code as vector squares: sharper than a bitmap at any zoom, and no PNG encoding per certificate. */
  private drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
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

  private document(date: Date, info: Record<string, string>, locale: Locale, archival = false): PDFKit.PDFDocument {
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
        Author: this.config.ISSUER_NAME,
        Creator: 'Greenlight',
        Producer: 'Greenlight',
        CreationDate: date,
        // PDF/A wants every Info entry mirrored in the XMP metadata, and pdfkit writes no xmp:ModifyDate.
        ...(archival ? {} : { ModDate: date }),
        ...(archival ? xmpSafe(info) : info),
      },
    });
    // pdfkit's types name only paths and bytes; a parsed fontkit font is accepted too (see parseFont).
    doc.registerFont('regular', this.regular as unknown as Buffer);
    doc.registerFont('bold', this.bold as unknown as Buffer);
    return doc;
  }
}

/**
 * What is drawn, as structure elements under one `Document` in reading order (tagged layouts), or drawn
 * plainly (layout 1, whose bytes must not change). Decoration is marked as artifacts, outside the tree.
 */
class Structure {
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

export function formatHours(hours: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 }).format(hours);
}

function finish(doc: PDFKit.PDFDocument): Promise<RenderedPdf> {
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
