import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';
import { Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { CertificateStatus } from '../issuing/certificate.entity';
import { CertificateRepository } from '../issuing/certificate.repository';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import { printableOf } from '../rendering/printable-certificate';
import { CertificateStorage } from '../storage/certificate-storage';
import { spreadsheetSafe } from '../certificates/certificates.service';
import { ArchivedCertificate, CertificateArchiveRepository } from './certificate-archive.repository';

export const MANIFEST_HEADER = [
  'serial',
  'holder_name',
  'status',
  'track',
  'completed_at',
  'issued_at',
  'valid_until',
  'pdf_sha256',
  'verify_url',
  'file',
];

/** PDF bytes handed to the ZIP but not yet out of it: the most the archive holds at once. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/**
 * A module's certificates as one ZIP, streamed: `<serial>.pdf` for each, then `certificates.csv`.
 * The rows come from a cursor, each PDF from storage (re-rendered when its file is lost), and the next
 * PDF is read only once the client has taken most of the previous ones, so memory stays flat however
 * many certificates there are and however slow the client. Each pass over the rows is its own cursor:
 * the manifest goes last, read again, rather than kept while the PDFs go out.
 */
@Injectable()
export class CertificateArchiveService {
  private readonly logger = new Logger(CertificateArchiveService.name);

  constructor(
    private readonly archive: CertificateArchiveRepository,
    private readonly certificates: CertificateRepository,
    private readonly storage: CertificateStorage,
    private readonly renderer: CertificatePdfRenderer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  zip(moduleSlug: string, status: CertificateStatus | undefined): Readable {
    const zip = new ZipFile();
    let handed = 0;
    let out = 0;
    let gone = false;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        out += chunk.length;
        done(null, chunk);
        this.emit('moved');
      },
    });
    counted.on('close', () => {
      gone = true;
      counted.emit('moved');
    });
    zip.outputStream.pipe(counted);

    const fill = async () => {
      for await (const batch of this.archive.stream(moduleSlug, status)) {
        for (const certificate of batch) {
          while (!gone && handed - out > IN_FLIGHT_BYTES) await once(counted, 'moved');
          if (gone) return;
          const bytes = await this.pdfOf(certificate);
          handed += bytes.length;
          // PDFs are already compressed inside: storing them saves the CPU and costs a few percent of size.
          // Not addBuffer: yazl keeps every entry until the end, and an entry made by addBuffer keeps its bytes.
          zip.addReadStream(streamOf(bytes), `${certificate.serial}.pdf`, {
            compress: false,
            size: bytes.length,
            mtime: certificate.issuedAt,
          });
        }
      }
      zip.addReadStream(Readable.from(this.manifest(moduleSlug, status)), 'certificates.csv', { mtime: new Date() });
      zip.end();
    };
    fill().catch((error: Error) => {
      this.logger.error(`Archive of ${moduleSlug} failed: ${error.message}`);
      counted.destroy(error);
    });
    return counted;
  }

  private async *manifest(moduleSlug: string, status: CertificateStatus | undefined): AsyncGenerator<string> {
    yield stringify([MANIFEST_HEADER], { record_delimiter: 'windows' });
    for await (const batch of this.archive.stream(moduleSlug, status)) {
      yield stringify(
        batch.map((c) => [
          c.serial,
          spreadsheetSafe(c.holderName),
          c.status,
          c.track ?? '',
          c.completedAt.toISOString(),
          c.issuedAt.toISOString(),
          c.validUntil?.toISOString() ?? '',
          c.pdfSha256,
          `${this.config.PUBLIC_URL.replace(/\/$/, '')}/verify/${c.serial}`,
          `${c.serial}.pdf`,
        ]),
        { record_delimiter: 'windows' },
      );
    }
  }

  private async pdfOf(certificate: ArchivedCertificate): Promise<Buffer> {
    const stored = await this.storage.get(certificate.storageKey);
    if (stored) return stored;
    // A lost file is rebuilt from the snapshot: rendering is deterministic, so it is the same file.
    const full = await this.certificates.findById(certificate.id);
    const pdf = await this.renderer.render(printableOf(full!));
    await this.storage.put(certificate.storageKey, pdf.bytes);
    return pdf.bytes;
  }
}

/** A stream of these bytes that lets go of them once read (yazl keeps the stream, not what it held). */
function streamOf(bytes: Buffer): Readable {
  let held: Buffer | null = bytes;
  return new Readable({
    read() {
      this.push(held);
      held = null;
      this.push(null);
    },
  });
}
