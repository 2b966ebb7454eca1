import { type Locale, LOCALE_TAGS } from '@greenlight/common';
import { formatDay, TEXTS } from './certificate-texts';
import { finish, INK, MUTED, pdfDocument, RenderedPdf } from './pdf-document';
import type { LayoutContext } from './certificate-layout';
import type { TranscriptLine } from './printable-certificate';

/** A member's transcript: every certificate they hold, its CPD hours, and the total. */
export function renderTranscript(
  context: LayoutContext,
  holderName: string,
  locale: Locale,
  lines: TranscriptLine[],
  generatedAt: Date,
): Promise<RenderedPdf> {
  const t = TEXTS[locale];
  const doc = pdfDocument(context, generatedAt, { Title: `${t.transcript} — ${holderName}` }, locale);
  doc.addPage({ size: 'LETTER', layout: 'landscape', margin: 54 });
  doc.fillColor(MUTED).font('regular').fontSize(12).text(context.programName.toUpperCase());
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

function formatHours(hours: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 2 }).format(hours);
}
