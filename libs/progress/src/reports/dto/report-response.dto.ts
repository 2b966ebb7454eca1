import { timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';

/** The reports' responses. Rates are fractions 0–1 (four decimals); percentages are whole numbers 0–100. */

const rate = () => z.number().min(0).max(1);

const headline = {
  enrolled: z.int().min(0),
  inProgress: z.int().min(0),
  completed: z.int().min(0),
  completionRate: rate(),
  renewals: z.int().min(0).meta({ description: 'Renewals started, counted apart from members enrolled' }),
  renewalsInProgress: z.int().min(0),
  renewalsCompleted: z.int().min(0),
};

export const moduleReportRowResponse = z
  .object({ slug: z.string(), title: z.string(), ...headline })
  .meta({ id: 'ModuleReportRow' });

export const missedQuestionResponse = z
  .object({
    itemId: uuid(),
    itemKey: z.string(),
    questionId: uuid(),
    key: z.string(),
    prompt: z.string(),
    answered: z.int().min(0),
    missed: z.int().min(0),
    missRate: rate(),
  })
  .meta({ id: 'MissedQuestion' });

export const moduleReportResponse = z
  .object({
    slug: z.string(),
    title: z.string(),
    version: z.int().min(1),
    ...headline,
    medianDaysToComplete: z.number().min(0).nullable(),
    units: z.array(
      z.object({
        id: uuid(),
        key: z.string(),
        title: z.string(),
        tracks: z.array(z.string()),
        completed: z.int().min(0),
        stuck: z.int().min(0).meta({ description: 'Members whose current item is in this unit, inactive for long' }),
      }),
    ),
    stuckAfterDays: z.int().min(1),
    quizzes: z.array(
      z.object({
        itemId: uuid(),
        itemKey: z.string(),
        unitKey: z.string(),
        title: z.string(),
        attempts: z.int().min(0),
        passed: z.int().min(0),
        passRate: rate(),
        mostMissed: z.array(missedQuestionResponse).meta({ description: "This quiz's most missed questions" }),
      }),
    ),
    mostMissed: z.array(missedQuestionResponse).meta({ description: 'Across every quiz of the module' }),
  })
  .meta({ id: 'ModuleReport' });

export const memberRowResponse = z
  .object({
    memberId: uuid(),
    name: z.string(),
    email: z.string(),
    track: z.string().nullable(),
    status: z.enum(['in_progress', 'completed']),
    percent: z.int().min(0).max(100),
    enrolledAt: timestamp(),
    completedAt: timestamp().nullable(),
    certificateSerial: z.string().nullable(),
    lastActivityAt: timestamp(),
    currentItem: z.object({ key: z.string(), title: z.string() }).nullable(),
    renewalOf: uuid().nullable().meta({ description: 'Set when the row is a renewal: the enrolment it renews' }),
  })
  .meta({ id: 'MemberRow' });

export const memberPageResponse = z
  .object({
    items: z.array(memberRowResponse),
    total: z.int().min(0),
    page: z.int().min(1).nullable().meta({ description: 'null for a page asked for by cursor' }),
    pageSize: z.int().min(1),
    nextCursor: z.string().nullable().meta({ description: 'null on the last page' }),
  })
  .meta({ id: 'MemberPage' });

export const monthlyCompletionsResponse = z
  .object({ month: z.string().meta({ example: '2026-03' }), completions: z.int().min(0) })
  .meta({ id: 'MonthlyCompletions' });

export const outboxStatusResponse = z
  .object({
    pending: z.int().min(0),
    retrying: z.int().min(0),
    oldestPendingAt: timestamp().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'OutboxStatus' });

export type ModuleReportRowResponse = z.infer<typeof moduleReportRowResponse>;
export type ModuleReportResponse = z.infer<typeof moduleReportResponse>;
