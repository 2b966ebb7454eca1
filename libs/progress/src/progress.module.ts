import { Module } from '@nestjs/common';

/** Enrolments, completion, grading, attendance, reports and the outbox (issue: progress service). */
@Module({})
export class ProgressModule {}
