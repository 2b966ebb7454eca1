import { timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';

/** API.md's `enrolment`, as the OpenAPI document (and so the web's types) describe it. */

export const itemKind = z.enum(['lesson', 'quiz', 'event']);

export const quizStandingResponse = z
  .object({
    attempts: z.int().min(0),
    attemptsLeft: z.int().min(0).nullable().meta({ description: 'null: unlimited; 0 once passed' }),
    passed: z.boolean(),
    bestScore: z.number().min(0).max(100).nullable(),
  })
  .meta({ id: 'QuizStanding' });

export const enrolmentItemResponse = z
  .object({
    id: uuid(),
    key: z.string(),
    kind: itemKind,
    title: z.string(),
    completed: z.boolean(),
    quiz: quizStandingResponse.optional().meta({ description: 'Quiz items only' }),
  })
  .meta({ id: 'EnrolmentItem' });

export const progressResponse = z
  .object({
    completedItems: z.int().min(0),
    totalItems: z.int().min(0),
    percent: z.int().min(0).max(100).meta({ description: 'Rounded down: 100 only when everything is done' }),
  })
  .meta({ id: 'Progress' });

/** A unit of the member's track with its items (the member page's items say more). */
export const unitOf = <T extends z.ZodType>(item: T) =>
  z.object({ id: uuid(), key: z.string(), title: z.string(), completed: z.boolean(), items: z.array(item) });

export const enrolmentModuleResponse = z.object({
  id: uuid(),
  slug: z.string(),
  title: z.string(),
  version: z.int().min(1),
  certificate: z.object({ enabled: z.boolean(), cpdHours: z.number() }),
  closesAt: timestamp()
    .nullable()
    .meta({ description: "The version's deadline: no new enrolment after it; members in progress see it" }),
});

export const enrolmentResponse = z
  .object({
    id: uuid(),
    memberId: uuid(),
    module: enrolmentModuleResponse,
    track: z.string().nullable(),
    status: z.enum(['in_progress', 'completed']),
    renewalOf: uuid().nullable().meta({ description: 'The enrolment this one renews; null for a first enrolment' }),
    current: z.boolean().meta({ description: "False once renewed: the member's current enrolment is its renewal" }),
    renewable: z.boolean().meta({
      description: 'Enrolling again now starts a renewal: its certificate has expired or expires within 90 days',
    }),
    enrolledAt: timestamp(),
    completedAt: timestamp().nullable(),
    progress: progressResponse,
    units: z.array(unitOf(enrolmentItemResponse)),
  })
  .meta({ id: 'Enrolment' });
export type EnrolmentResponse = z.infer<typeof enrolmentResponse>;
