import type { PendingCertificate } from '../issuing/certificate.repository';
import type { CredentialIssuer, SignedCredential } from '../credentials/credential-issuer.service';
import type { UnitTitle } from '../credentials/credential-texts';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import type { RenderedPdf } from '../rendering/pdf-document';
import { printableOf } from '../rendering/printable-certificate';

/**
 * A certificate to draw and sign: its record (what is printed and what the credential says), its holder's
 * email and the titles of the units it was earned for (the credential's criteria name them).
 */
export interface ArtifactRequest {
  record: PendingCertificate;
  memberEmail: string;
  units: UnitTitle[];
}

/**
 * The PDF and the signed credential of one certificate, its artifacts: the CPU-heavy part of issuing.
 * (Not "draft": that word names unpublished modules and a quiz form's state.)
 */
export interface CertificateArtifacts {
  pdf: RenderedPdf;
  signed: SignedCredential;
}

/**
 * Renders a certificate's PDF and signs its credential. Issuing asks for these artifacts and does the rest
 * (serial, storage, the database row, the follow-up jobs) itself; where they are made is the
 * maker's business: here on the calling thread, or on a pool of threads (`ThreadedArtifactMaker`).
 */
export abstract class ArtifactMaker {
  abstract make(request: ArtifactRequest): Promise<CertificateArtifacts>;
}

export class InProcessArtifactMaker extends ArtifactMaker {
  constructor(
    private readonly renderer: CertificatePdfRenderer,
    private readonly credentials: CredentialIssuer,
  ) {
    super();
  }

  async make({ record, memberEmail, units }: ArtifactRequest): Promise<CertificateArtifacts> {
    const pdf = await this.renderer.render(printableOf(record));
    const signed = await this.credentials.issue(record, memberEmail, units);
    return { pdf, signed };
  }
}
