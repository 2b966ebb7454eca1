import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { localize, Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogReader, CourseException } from '@greenlight/course';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';
import { badgeSvg, sealSvg } from './badge-image';

export interface Image {
  type: string;
  bytes: Buffer | string;
}

/** The images credentials point at: each module version's badge, and the issuer's logo. */
@Injectable()
export class BadgesService {
  private readonly logo: Image;

  constructor(
    private readonly catalog: CatalogReader,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.logo = config.CERT_LOGO_PATH
      ? {
          type: extname(config.CERT_LOGO_PATH).toLowerCase() === '.png' ? 'image/png' : 'image/jpeg',
          bytes: readFileSync(config.CERT_LOGO_PATH),
        }
      : { type: 'image/svg+xml', bytes: this.initialsSeal() };
  }

  async badge(slug: string, version: number, locale: Locale): Promise<Image> {
    const notFound = new CertificateException(CertificateExceptionCode.NotFound, 'No such module version.');
    const latest = await this.catalog.getLatestPublished(slug);
    if (!latest || version > latest.version) throw notFound;
    try {
      const snapshot = await this.catalog.getVersion(latest.moduleId, version);
      const svg = badgeSvg({
        slug,
        programName: this.config.PROGRAM_NAME,
        title: localize(snapshot.title, locale),
        version,
        locale,
      });
      return { type: 'image/svg+xml', bytes: svg };
    } catch (error) {
      if (error instanceof CourseException && error.kind === 'not_found') throw notFound;
      throw error;
    }
  }

  issuerImage(): Image {
    return this.logo;
  }

  /** Without CERT_LOGO_PATH: the issuer's initials on a seal, so the profile always has an image. */
  private initialsSeal(): string {
    const initials = this.config.ISSUER_NAME.split(/\s+/)
      .map((word) => word[0])
      .filter((c) => c && /\p{L}/u.test(c))
      .slice(0, 3)
      .join('')
      .toUpperCase();
    const name = this.config.ISSUER_NAME;
    return sealSvg({ seed: name, label: name, locale: 'en', title: initials });
  }
}
