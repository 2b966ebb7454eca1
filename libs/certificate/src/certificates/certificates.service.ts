import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { AuthUser, hasRole, UsersRepository } from '@greenlight/auth';
import type { Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { CertificateEntity } from '../issuing/certificate.entity';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { CertificateRepository } from '../issuing/certificate.repository';
import { parseSerial } from '../issuing/serial';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import { printableOf } from '../rendering/printable-certificate';
import { CertificateStorage } from '../storage/certificate-storage';
import { certificateView, verificationView } from './certificate.view';
import { VerifyRateLimiter } from './verify-rate-limiter';
import type { ListQueryDto } from './dto/certificate.dto';

/** The read side and the staff actions behind the certificate routes; who may see what is decided here. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly repository: CertificateRepository,
    private readonly issuing: CertificateIssuingService,
    private readonly storage: CertificateStorage,
    private readonly renderer: CertificatePdfRenderer,
    private readonly credentials: CredentialIssuer,
    private readonly users: UsersRepository,
    private readonly rateLimiter: VerifyRateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async listMine(user: AuthUser, locale: Locale) {
    return (await this.repository.listByMember(user.id)).map((c) => this.view(c, locale));
  }

  async list(query: ListQueryDto, locale: Locale) {
    const [items, total] = await this.repository.search({
      moduleSlug: query.module,
      status: query.status,
      memberId: query.memberId,
      expiringWithinDays: query.expiringWithinDays,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items: items.map((c) => this.view(c, locale)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(user: AuthUser, id: string, locale: Locale) {
    return this.view(await this.visible(user, id), locale);
  }

  async pdf(user: AuthUser, id: string): Promise<{ bytes: Buffer; filename: string }> {
    const certificate = await this.visible(user, id);
    const stored = await this.storage.get(certificate.storageKey);
    // A lost file is rebuilt from the snapshot: rendering is deterministic, so it is the same file.
    const bytes = stored ?? (await this.rerender(certificate));
    return { bytes, filename: `${certificate.serial}.pdf` };
  }

  async credential(user: AuthUser, id: string) {
    const certificate = await this.visible(user, id);
    if (!certificate.credential || !certificate.credentialJwt) {
      throw new CertificateException(CertificateExceptionCode.NotFound, 'This certificate has no credential.');
    }
    return { jwt: certificate.credentialJwt, credential: certificate.credential };
  }

  async revoke(actor: AuthUser, id: string, reason: string, locale: Locale) {
    return this.view(await this.issuing.revoke(id, actor.id, reason), locale);
  }

  async reissue(actor: AuthUser, id: string, reason: string | null, locale: Locale) {
    return this.view(await this.issuing.reissue(id, actor.id, reason), locale);
  }

  /** Public: the name, module and dates, and whether it stands. Nothing else about the holder. */
  async verify(input: string, locale: Locale, clientIp: string) {
    // Every check counts, typos and unknown serials most of all: they are what a scraper sends.
    await this.rateLimiter.take(clientIp);
    const parsed = parseSerial(input);
    if (!parsed.ok) {
      throw parsed.reason === 'mistyped'
        ? new CertificateException(
            CertificateExceptionCode.SerialMistyped,
            'This serial has a typo: please check it against the certificate.',
          )
        : new CertificateException(CertificateExceptionCode.SerialNotFound, 'No certificate has this serial.');
    }
    const c = await this.repository.findBySerial(parsed.serial);
    if (!c) throw new CertificateException(CertificateExceptionCode.SerialNotFound, 'No certificate has this serial.');
    const replacement = c.status === 'superseded' ? await this.repository.findReplacement(c.id) : null;
    return verificationView(c, locale, {
      issuer: { id: this.credentials.issuerId, name: this.config.ISSUER_NAME },
      supersededBy: replacement?.serial ?? null,
    });
  }

  /** Every certificate the member holds (issued, not revoked or replaced), its CPD hours and the total. */
  async transcript(user: AuthUser, format: 'pdf' | 'csv', locale: Locale) {
    const member = await this.users.findById(user.id);
    if (!member) throw new CertificateException(CertificateExceptionCode.NotFound, 'No such member.');
    const held = (await this.repository.listByMember(user.id))
      .filter((c) => c.status === 'issued')
      .sort((a, b) => a.completionDate.localeCompare(b.completionDate) || a.serial.localeCompare(b.serial));
    const lines = held.map((c) => ({
      moduleTitle: c.moduleTitle[locale] ?? c.moduleTitle.en,
      trackTitle: c.trackTitle ? (c.trackTitle[locale] ?? c.trackTitle.en) : null,
      completionDate: c.completionDate,
      cpdHours: c.cpdHours,
      serial: c.serial,
      verifyUrl: this.renderer.verifyUrl(c.serial),
    }));
    const total = lines.reduce((sum, line) => sum + line.cpdHours, 0);
    if (format === 'csv') {
      const rows = lines.map((l) => [
        spreadsheetSafe(l.moduleTitle),
        spreadsheetSafe(l.trackTitle ?? ''),
        l.completionDate,
        l.cpdHours,
        l.serial,
        l.verifyUrl,
      ]);
      const csv = stringify([
        ['module', 'track', 'completed_on', 'cpd_hours', 'serial', 'verify_url'],
        ...rows,
        ['TOTAL', '', '', Math.round(total * 100) / 100, '', ''],
      ]);
      return { bytes: Buffer.from(csv, 'utf8'), type: 'text/csv; charset=utf-8', filename: 'transcript.csv' };
    }
    const pdf = await this.renderer.renderTranscript(member.name, locale, lines, new Date());
    return { bytes: pdf.bytes, type: 'application/pdf', filename: 'transcript.pdf' };
  }

  /** Owner or staff; anyone else gets the same 404 as for a certificate that does not exist. */
  private async visible(user: AuthUser, id: string): Promise<CertificateEntity> {
    const certificate = await this.repository.findById(id);
    if (!certificate || (certificate.memberId !== user.id && !hasRole(user.role, 'staff'))) {
      throw new CertificateException(CertificateExceptionCode.NotFound, 'No such certificate.');
    }
    return certificate;
  }

  private async rerender(c: CertificateEntity): Promise<Buffer> {
    const pdf = await this.renderer.render(printableOf(c));
    await this.storage.put(c.storageKey, pdf.bytes);
    return pdf.bytes;
  }

  private view(c: CertificateEntity, locale: Locale) {
    return certificateView(c, locale, this.config.PUBLIC_URL);
  }
}

/** A title that starts like a formula would run as one in a spreadsheet: quote it as text. */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
