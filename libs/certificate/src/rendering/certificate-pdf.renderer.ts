import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { NAME_LINE, nameFontSize, type Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { UndraftedCertificate } from '../issuing/certificate.repository';
import { formatDay, TEXTS } from './certificate-texts';

/** Everything printed on a certificate: a snapshot, so the same record always renders the same bytes. */
export interface PrintableCertificate {
  serial: string;
  holderName: string;
  moduleTitle: string;
  moduleVersion: number;
  trackTitle: string | null;
  cpdHours: number;
  completionDate: string;
  issuedAt: Date;
  locale: Locale;
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
    | 'issuedAt'
    | 'locale'
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
    issuedAt: c.issuedAt,
    locale: c.locale,
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
    const doc = this.document(
      certificate.issuedAt,
      {
        Title: `${t.heading} — ${certificate.moduleTitle}`,
        Subject: `${certificate.holderName} — ${certificate.serial}`,
        Keywords: certificate.serial,
      },
      certificate.locale,
    );
    doc.addPage({ size: 'LETTER', layout: 'landscape', margin: 0 });
    const width = doc.page.width;
    const height = doc.page.height;
    const inner = { x: 54, width: width - 108 };

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
    if (this.logo) doc.image(this.logo, inner.x, 48, { fit: [120, 60] });

    const centred = { width: inner.width, align: 'center' as const };
    doc
      .fillColor(MUTED)
      .font('regular')
      .fontSize(13)
      .text(this.config.PROGRAM_NAME.toUpperCase(), inner.x, 64, {
        ...centred,
        characterSpacing: 2,
      });
    doc.fillColor(INK).font('bold').fontSize(34).text(t.heading, inner.x, 92, centred);
    doc.fillColor(MUTED).font('regular').fontSize(14).text(t.certifies, inner.x, 160, centred);
    // A long name is set smaller rather than wrapped over the next line; the auth lib refuses what would not fit.
    const nameSize = nameFontSize(this.bold.layout(certificate.holderName).advanceWidth / this.bold.unitsPerEm);
    doc
      .fillColor(INK)
      .font('bold')
      .fontSize(nameSize ?? NAME_LINE.smallestPt)
      .text(
        certificate.holderName,
        inner.x,
        186 + (NAME_LINE.largestPt - (nameSize ?? NAME_LINE.smallestPt)) / 2,
        centred,
      );
    doc.fillColor(MUTED).font('regular').fontSize(14).text(t.completed, inner.x, 240, centred);
    doc
      .fillColor(INK)
      .font('bold')
      .fontSize(20)
      .text(`${certificate.moduleTitle} (v${certificate.moduleVersion})`, inner.x, 266, centred);
    let y = doc.y + 8;
    if (certificate.trackTitle) {
      doc
        .fillColor(MUTED)
        .font('regular')
        .fontSize(13)
        .text(`${t.track}${t.colon}${certificate.trackTitle}`, inner.x, y, centred);
      y = doc.y + 4;
    }
    doc
      .fillColor(INK)
      .font('regular')
      .fontSize(13)
      .text(
        `${t.completedOn} ${formatDay(certificate.completionDate, certificate.locale)} · ${t.cpdHours(certificate.cpdHours)}`,
        inner.x,
        y + 6,
        centred,
      );

    const footY = height - 170;
    this.drawQr(doc, this.verifyUrl(certificate.serial), inner.x + 10, footY, 104);
    doc
      .fillColor(MUTED)
      .font('regular')
      .fontSize(9)
      .text(`${t.verify} ${this.verifyUrl(certificate.serial)}`, inner.x + 124, footY + 60, { width: 260 });
    doc
      .fillColor(INK)
      .font('bold')
      .fontSize(12)
      .text(`${t.serial}${t.colon}${certificate.serial}`, inner.x + 124, footY + 36);

    const signX = width - 54 - 250;
    doc
      .lineWidth(0.75)
      .strokeColor(INK)
      .moveTo(signX, footY + 60)
      .lineTo(signX + 250, footY + 60)
      .stroke();
    doc
      .fillColor(INK)
      .font('bold')
      .fontSize(12)
      .text(this.config.ISSUER_SIGNATORY, signX, footY + 68, {
        width: 250,
        align: 'center',
      });
    doc
      .fillColor(MUTED)
      .font('regular')
      .fontSize(11)
      .text(this.config.ISSUER_NAME, signX, doc.y + 2, {
        width: 250,
        align: 'center',
      });
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
      { title: t.columns.module, width: 260 },
      { title: t.columns.track, width: 130 },
      { title: t.columns.completed, width: 110 },
      { title: t.columns.hours, width: 60 },
      { title: t.columns.serial, width: 124 },
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

  private document(date: Date, info: Record<string, string>, locale: Locale): PDFKit.PDFDocument {
    const doc = new PDFDocument({
      autoFirstPage: false,
      compress: true,
      lang: locale,
      info: {
        Author: this.config.ISSUER_NAME,
        Creator: 'Greenlight',
        Producer: 'Greenlight',
        CreationDate: date,
        ModDate: date,
        ...info,
      },
    });
    // pdfkit's types name only paths and bytes; a parsed fontkit font is accepted too (see parseFont).
    doc.registerFont('regular', this.regular as unknown as Buffer);
    doc.registerFont('bold', this.bold as unknown as Buffer);
    return doc;
  }
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
