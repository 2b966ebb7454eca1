/** Queue names. Frozen once released: a rename would strand the jobs already waiting under the old name. */
export enum QueueName {
  Certificates = 'certificates',
  Notifications = 'notifications',
  /** Facts the progress service keeps about other services' work (e.g. a certificate's serial for reports). */
  ProgressEvents = 'progress-events',
  /** The reminder rules' runs, added by a BullMQ job scheduler (consumed where progress runs). */
  Reminders = 'reminders',
}

/** Job names. Frozen once released, like the queue names. */
export enum JobName {
  IssueCertificate = 'issue-certificate',
  RecordCertificateForEnrolment = 'record-certificate-for-enrolment',
  /** One message of the message log (libs/messages) to deliver; certificate-issued mail included. */
  SendMessage = 'send-message',
  /** One run of every enabled reminder rule (the job scheduler adds one every REMINDER_RULES_EVERY_MS). */
  RunReminderRules = 'run-reminder-rules',
}

/** Which queue each job travels on. */
export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.IssueCertificate]: QueueName.Certificates,
  [JobName.RecordCertificateForEnrolment]: QueueName.ProgressEvents,
  [JobName.SendMessage]: QueueName.Notifications,
  [JobName.RunReminderRules]: QueueName.Reminders,
};

/** Outbox event types, each written to the outbox of the service that owns it (`OUTBOX_OF`). */
export enum OutboxEventType {
  ModuleCompleted = 'module.completed',
  /** The certificate service tells progress which certificate an enrolment holds now. */
  CertificateRecorded = 'certificate.recorded',
}
