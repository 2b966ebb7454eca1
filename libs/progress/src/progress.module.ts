import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CourseReadModule } from '@greenlight/course';
import { MessagesModule } from '@greenlight/messages';
import { OutboxRelayModule } from '@greenlight/queue';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { CsvBodyParser } from './attendance/csv-body.parser';
import { EnrolmentCertificateProcessor } from './certificates/enrolment-certificate.processor';
import { EnrolmentCertificateRepository } from './certificates/enrolment-certificate.repository';
import { OutboxStatusController } from './reports/outbox-status.controller';
import { ReportController } from './reports/report.controller';
import { ReportRepository } from './reports/report.repository';
import { ReportService } from './reports/report.service';
import { CompletionService } from './enrolments/completion.service';
import { EnrolmentController } from './enrolments/enrolment.controller';
import { EnrolmentRepository } from './enrolments/enrolment.repository';
import { EnrolmentService } from './enrolments/enrolment.service';
import { MemberController } from './members/member.controller';
import { MemberRepository } from './members/member.repository';
import { MemberService } from './members/member.service';
import { ReminderController } from './reminders/reminder.controller';
import { ReminderRepository } from './reminders/reminder.repository';
import { ReminderService } from './reminders/reminder.service';
import { QuizAttemptController } from './quizzes/quiz-attempt.controller';
import { QuizAttemptRepository } from './quizzes/quiz-attempt.repository';
import { QuizAttemptService } from './quizzes/quiz-attempt.service';

/** Enrolments, completion, grading, attendance, reports, and the relay that moves its outbox to BullMQ. */
@Module({
  imports: [AuthModule, CourseReadModule, OutboxRelayModule, MessagesModule],
  controllers: [
    EnrolmentController,
    QuizAttemptController,
    AttendanceController,
    ReportController,
    OutboxStatusController,
    MemberController,
    ReminderController,
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
    ReportRepository,
    ReportService,
    MemberRepository,
    MemberService,
    ReminderRepository,
    ReminderService,
  ],
})
export class ProgressModule {}
