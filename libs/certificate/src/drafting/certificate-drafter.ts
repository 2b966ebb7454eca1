import type { UndraftedCertificate } from '../issuing/certificate.repository';
import type { CredentialIssuer, SignedCredential } from '../credentials/credential-issuer.service';
import type { UnitTitle } from '../credentials/credential-texts';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import type { RenderedPdf } from '../rendering/pdf-document';
import { printableOf } from '../rendering/printable-certificate';

/**
 * A certificate to draw and sign: its record (what is printed and what the credential says), its holder's
 * email and the titles of the units it was earned for (the credential's criteria name them).
 */
export interface DraftRequest {
  record: UndraftedCertificate;
  memberEmail: string;
  units: UnitTitle[];
}

/** The PDF and the signed credential of one certificate: the CPU-heavy part of issuing. */
export interface Draft {
  pdf: RenderedPdf;
  signed: SignedCredential;
}

/**
 * Renders a certificate's PDF and signs its credential. Issuing asks for a draft and does the rest
 * (serial, storage, the database row, the follow-up jobs) itself; where the draft is made is the
 * drafter's business: here on the calling thread, or on a pool of threads (`ThreadedDrafter`).
 */
export abstract class CertificateDrafter {
  abstract draft(request: DraftRequest): Promise<Draft>;
}

export class InProcessDrafter extends CertificateDrafter {
  constructor(
    private readonly renderer: CertificatePdfRenderer,
    private readonly credentials: CredentialIssuer,
  ) {
    super();
  }

  async draft({ record, memberEmail, units }: DraftRequest): Promise<Draft> {
    const pdf = await this.renderer.render(printableOf(record));
    const signed = await this.credentials.issue(record, memberEmail, units);
    return { pdf, signed };
  }
}
