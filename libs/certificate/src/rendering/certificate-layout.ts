import { NAME_LINE, nameFontSize } from '@greenlight/common';
import { formatDay, TEXTS } from './certificate-texts';
import {
  ACCENT,
  DocumentContext,
  drawQr,
  finish,
  INK,
  MUTED,
  pdfDocument,
  RenderedPdf,
  Structure,
} from './pdf-document';
import type { PrintableCertificate } from './printable-certificate';

export interface LayoutContext extends DocumentContext {
  programName: string;
  signatory: string;
  logo: Buffer | null;
}

/**
 * The certificate page, landscape Letter, in every layout: layout 1 draws it untagged and prints no
 * validity (its certificates keep their bytes); layout 2 tags each element in reading order.
 */
export function renderCertificate(
  context: LayoutContext,
  certificate: PrintableCertificate,
  verifyUrl: string,
): Promise<RenderedPdf> {
  const t = TEXTS[certificate.locale];
  const tagged = certificate.layout >= 2;
  const doc = pdfDocument(
    context,
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
  const logo = context.logo;
  if (logo) {
    structure.element('Figure', () => doc.image(logo, inner.x, 48, { fit: [120, 60] }), {
      alt: `${context.issuerName} — logo`,
    });
  }

  const centred = { width: inner.width, align: 'center' as const };
  structure.element('P', () =>
    doc
      .fillColor(MUTED)
      .font('regular')
      .fontSize(13)
      .text(context.programName.toUpperCase(), inner.x, 64, {
        ...centred,
        characterSpacing: 2,
      }),
  );
  structure.element('H1', () => doc.fillColor(INK).font('bold').fontSize(34).text(t.heading, inner.x, 92, centred));
  structure.element('P', () =>
    doc.fillColor(MUTED).font('regular').fontSize(14).text(t.certifies, inner.x, 160, centred),
  );
  // A long name is set smaller rather than wrapped over the next line; the auth lib refuses what would not fit.
  const nameSize = nameFontSize(
    context.fonts.bold.layout(certificate.holderName).advanceWidth / context.fonts.bold.unitsPerEm,
  );
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
      doc.fillColor(MUTED).font('regular').fontSize(13).text(`${t.track}${t.colon}${trackTitle}`, inner.x, y, centred),
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
  structure.element('Figure', () => drawQr(doc, verifyUrl, inner.x + 10, footY, 104), {
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
      .text(context.signatory, signX, footY + 68, {
        width: 250,
        align: 'center',
      }),
  );
  structure.element('P', () =>
    doc
      .fillColor(MUTED)
      .font('regular')
      .fontSize(11)
      .text(context.issuerName, signX, doc.y + 2, {
        width: 250,
        align: 'center',
      }),
  );
  structure.end();
  return finish(doc);
}
