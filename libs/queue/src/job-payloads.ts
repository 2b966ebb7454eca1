import { JobName } from './queue.constants';

/** `module.completed`: what the progress service knew at the moment the module was completed. */
export interface ModuleCompletedPayload {
  enrolmentId: string;
  memberId: string;
  moduleId: string;
  moduleSlug: string;
  moduleVersion: number;
  track: string | null;
  completedAt: string;
  /** Set by the certificate sweep: its n-th re-issue of a completion that still has no certificate. */
  reconciliation?: number;
  /** A renewal's previous enrolment: the certificate issued for this one supersedes that one's. */
  renewalOf?: string;
}

/** A message-log row to deliver; `round` grows each time the row goes back to the relay (see libs/messages). */
export interface SendMessagePayload {
  messageId: string;
  round: number;
}

/** Sent by the certificate service on issue, revoke and reissue, so progress reports can show the live serial. */
export interface CertificateForEnrolmentPayload {
  enrolmentId: string;
  certificateId: string;
  serial: string;
  status: 'issued' | 'revoked' | 'superseded';
  /** Orders the facts: a late older message must not overwrite a newer one. */
  changedAt: string;
  /** When the certificate stops being valid (null: never); absent from facts sent before renewal existed. */
  validUntil?: string | null;
}

/** A run of the reminder rules: every module's (the scheduler's runs), or one module's. */
export interface RunReminderRulesPayload {
  moduleSlug: string | null;
}

export interface JobPayload {
  [JobName.IssueCertificate]: ModuleCompletedPayload;
  [JobName.RecordCertificateForEnrolment]: CertificateForEnrolmentPayload;
  [JobName.SendMessage]: SendMessagePayload;
  [JobName.RunReminderRules]: RunReminderRulesPayload;
}

export interface JobOf<N extends JobName> {
  name: N;
  id: string;
  data: JobPayload[N];
  attemptsMade: number;
}

/**
 * Job ids come from the business key so that a second add of the same job is a no-op in BullMQ.
 * BullMQ refuses ids with ':' and bare integers, so every id carries a prefix.
 */
export const jobIdFor = {
  // A sweep's re-issue needs an id of its own: the first job may still sit in Redis as completed or failed.
  [JobName.IssueCertificate]: (payload: ModuleCompletedPayload) =>
    `certificate-${payload.enrolmentId}${payload.reconciliation ? `-reconcile-${payload.reconciliation}` : ''}`,
  [JobName.RecordCertificateForEnrolment]: (payload: CertificateForEnrolmentPayload) =>
    `certificate-record-${payload.certificateId}-${payload.status}`,
  [JobName.SendMessage]: (payload: SendMessagePayload) => `message-${payload.messageId}-${payload.round}`,
  // A run asked for while another for the same modules waits is the same run.
  [JobName.RunReminderRules]: (payload: RunReminderRulesPayload) =>
    `reminder-rules-${payload.moduleSlug ?? 'every-module'}`,
} satisfies { [N in JobName]: (payload: JobPayload[N]) => string };
