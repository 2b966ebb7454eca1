import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import type { Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { LayoutContext, renderCertificate } from './certificate-layout';
import { loadFonts, RenderedPdf } from './pdf-document';
import type { PrintableCertificate, TranscriptLine } from './printable-certificate';
import { renderTranscript } from './transcript-layout';

/**
 * Certificates and transcripts as PDF, with pdfkit and DejaVu Sans (it carries stacked accents and the
 * syllabics some members' names need). PDF metadata dates come from the record and pdfkit derives the
 * file id from them, so rendering is deterministic and pdfSha256 identifies the file. The fonts and the
 * logo are read once per renderer; the page layouts are in certificate-layout.ts and transcript-layout.ts.
 */
@Injectable()
export class CertificatePdfRenderer {
  private readonly context: LayoutContext;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.context = {
      fonts: loadFonts(),
      issuerName: config.ISSUER_NAME,
      programName: config.PROGRAM_NAME,
      signatory: config.ISSUER_SIGNATORY,
      logo: config.CERT_LOGO_PATH ? readFileSync(config.CERT_LOGO_PATH) : null,
    };
  }

  /** The public page that verifies a certificate, printed on it and sent with it. */
  verifyUrl(serial: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/verify/${serial}`;
  }

  render(certificate: PrintableCertificate): Promise<RenderedPdf> {
    return renderCertificate(this.context, certificate, this.verifyUrl(certificate.serial));
  }

  renderTranscript(
    holderName: string,
    locale: Locale,
    lines: TranscriptLine[],
    generatedAt: Date,
  ): Promise<RenderedPdf> {
    return renderTranscript(this.context, holderName, locale, lines, generatedAt);
  }
}
