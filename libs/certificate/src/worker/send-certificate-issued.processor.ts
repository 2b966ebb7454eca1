import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { createTransport, Transporter } from 'nodemailer';
import { UsersRepository } from '@greenlight/auth';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CertificateIssuedPayload, JobName, QueueName } from '@greenlight/queue';
import { CertificateRepository } from '../issuing/certificate.repository';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import { startWorker, WORKER_OPTIONS } from './worker-options';

const SUBJECT = { en: 'Your certificate', fr: 'Votre certificat' };
const BODY = {
  en: (name: string, title: string, url: string) =>
    `Hello ${name},\n\nCongratulations on completing "${title}". Your certificate is ready; anyone can verify it at:\n${url}\n`,
  fr: (name: string, title: string, url: string) =>
    `Bonjour ${name},\n\nFélicitations, vous avez terminé « ${title} ». Votre certificat est prêt; on peut le vérifier ici :\n${url}\n`,
};

/** Emails the member the verify link when a certificate is issued; without SMTP_URL the message is logged. */
@Processor(QueueName.Notifications, WORKER_OPTIONS)
export class SendCertificateIssuedProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SendCertificateIssuedProcessor.name);
  private readonly transport: Transporter | null;

  constructor(
    private readonly certificates: CertificateRepository,
    private readonly users: UsersRepository,
    private readonly renderer: CertificatePdfRenderer,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, QueueName.Notifications);
  }

  async process(job: Job<CertificateIssuedPayload>): Promise<{ outcome: string }> {
    if (job.name !== JobName.SendCertificateIssued) return { outcome: 'ignored' };
    const certificate = await this.certificates.findForNotice(job.data.certificateId);
    const member = certificate && (await this.users.findContact(certificate.memberId));
    if (!certificate || !member || certificate.status !== 'issued') {
      this.logger.warn(`Not emailing for certificate ${job.data.certificateId}: it is gone or no longer issued`);
      return { outcome: 'skipped' };
    }
    const locale = member.locale;
    const message = {
      from: this.config.MAIL_FROM,
      to: member.email,
      subject: `${SUBJECT[locale]}${locale === 'fr' ? '\u202f: ' : ': '}${certificate.moduleTitle[locale]}`,
      text: BODY[locale](member.name, certificate.moduleTitle[locale], this.renderer.verifyUrl(certificate.serial)),
    };
    if (!this.transport) {
      this.logger.log(`SMTP_URL not set; would email ${message.to}: ${message.subject}\n${message.text}`);
      return { outcome: 'logged' };
    }
    await this.transport.sendMail(message);
    return { outcome: 'sent' };
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Notifications worker: ${error.message}`);
  }
}
