import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CourseReadModule } from '@greenlight/course';
import { MessagesModule } from '@greenlight/messages';
import { JobDispatchModule, OutboxRelayModule, QueueName } from '@greenlight/queue';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { CsvBodyParser } from './attendance/csv-body.parser';
import { EnrolmentCertificateProcessor } from './certificates/enrolment-certificate.processor';
import { EnrolmentCertificateRepository } from './certificates/enrolment-certificate.repository';
import { CertificateReconciliationRepository } from './reconciliation/certificate-reconciliation.repository';
import { CertificateReconciliationService } from './reconciliation/certificate-reconciliation.service';
import { OutboxStatusController } from './reports/outbox-status.controller';
import { ReportTrendsController } from './reports/report-trends.controller';
import { ReportController } from './reports/report.controller';
import { MemberExportRepository } from './reports/member-export.repository';
import { MemberPageRepository } from './reports/member-page.repository';
import { OutboxStatusRepository } from './reports/outbox-status.repository';
import { ReportCountsRepository } from './reports/report-counts.repository';
import { ReportService } from './reports/report.service';
import { CompletionService } from './enrolments/completion.service';
import { EnrolmentController } from './enrolments/enrolment.controller';
import { EnrolmentRepository } from './enrolments/enrolment.repository';
import { EnrolmentService } from './enrolments/enrolment.service';
import { MemberController } from './members/member.controller';
import { MemberRepository } from './members/member.repository';
import { MemberService } from './members/member.service';
import { InvitationController } from './invitations/invitation.controller';
import { InvitationRepository } from './invitations/invitation.repository';
import { InvitationService } from './invitations/invitation.service';
import { ReminderController } from './reminders/reminder.controller';
import { ReminderRepository } from './reminders/reminder.repository';
import { ReminderService } from './reminders/reminder.service';
import { ReminderRuleController } from './reminders/reminder-rule.controller';
import { ReminderRuleRepository } from './reminders/reminder-rule.repository';
import { ReminderRuleService } from './reminders/reminder-rule.service';
import { ReminderRulesProcessor } from './reminders/reminder-rules.processor';
import { QuizAttemptController } from './quizzes/quiz-attempt.controller';
import { QuizAttemptRepository } from './quizzes/quiz-attempt.repository';
import { QuizAttemptService } from './quizzes/quiz-attempt.service';

/**
 * Enrolments, completion, grading, attendance, reports, the relay that moves its outbox to BullMQ, and
 * the sweep that asks again for certificates a lost queue never delivered.
 */
@Module({
  imports: [
    AuthModule,
    CourseReadModule,
    OutboxRelayModule.forOutbox('progress'),
    JobDispatchModule.forQueue(QueueName.ProgressEvents),
    JobDispatchModule.forQueue(QueueName.Reminders),
    MessagesModule,
  ],
  controllers: [
    EnrolmentController,
    QuizAttemptController,
    AttendanceController,
    ReportController,
    ReportTrendsController,
    OutboxStatusController,
    MemberController,
    ReminderController,
    ReminderRuleController,
    InvitationController,
  ],
  providers: [
    EnrolmentRepository,
    QuizAttemptRepository,
    CompletionService,
    EnrolmentService,
    QuizAttemptService,
    AttendanceService,
    CsvBodyParser,
    EnrolmentCertificateRepository,
    EnrolmentCertificateProcessor,
    CertificateReconciliationRepository,
    CertificateReconciliationService,
    ReportCountsRepository,
    MemberPageRepository,
    MemberExportRepository,
    OutboxStatusRepository,
    ReportService,
    MemberRepository,
    MemberService,
    ReminderRepository,
    ReminderService,
    ReminderRuleRepository,
    ReminderRuleService,
    ReminderRulesProcessor,
    InvitationRepository,
    InvitationService,
  ],
})
export class ProgressModule {}
