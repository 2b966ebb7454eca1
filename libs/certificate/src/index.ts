export * from './certificate.module';
export * from './certificate-worker.module';
export * from './certificate.exception';
export { CERTIFICATE_STATUSES, type CertificateStatus } from './issuing/certificate.entity';
export { CertificateIssuingService, type IssueOutcome } from './issuing/certificate-issuing.service';
export { parseSerial } from './issuing/serial';
export { generateSigningSeed } from './credentials/signing-keys';
