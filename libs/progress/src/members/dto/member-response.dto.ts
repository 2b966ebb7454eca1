import { LOCALES, timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';
import { enrolmentItemResponse, enrolmentResponse, unitOf } from '../../enrolments/dto/enrolment-response.dto';

/** GET /api/members/:id: one member, whole, for staff. */

export const memberItemResponse = enrolmentItemResponse
  .extend({
    completedAt: timestamp().nullable(),
    source: z.enum(['self', 'quiz', 'attendance', 'staff']).nullable(),
    attempts: z
      .array(z.object({ number: z.int().min(1), score: z.number(), passed: z.boolean(), at: timestamp() }))
      .optional()
      .meta({ description: 'Quiz items only' }),
    extraAttempts: z
      .array(z.object({ reason: z.string(), grantedAt: timestamp() }))
      .optional()
      .meta({ description: 'Quiz items only: attempts staff granted' }),
  })
  .meta({ id: 'MemberItem' });

export const memberEnrolmentResponse = enrolmentResponse
  .extend({
    lastActivityAt: timestamp(),
    currentItem: z.object({ id: uuid(), key: z.string(), title: z.string() }).nullable(),
    tracks: z.array(z.object({ key: z.string(), title: z.string() })),
    units: z.array(unitOf(memberItemResponse)),
    attendance: z.array(
      z.object({ itemId: uuid(), title: z.string(), attended: z.boolean(), recordedAt: timestamp().nullable() }),
    ),
  })
  .meta({ id: 'MemberEnrolment' });

export const memberDetailResponse = z
  .object({
    user: z.object({
      id: uuid(),
      email: z.string(),
      name: z.string(),
      locale: z.enum(LOCALES),
      emailVerified: z.boolean(),
    }),
    unsubscribedAt: timestamp().nullable(),
    enrolments: z.array(memberEnrolmentResponse),
    certificates: z.array(
      z.object({
        id: uuid(),
        serial: z.string(),
        status: z.enum(['issued', 'revoked', 'superseded']),
        enrolmentId: uuid(),
        module: z.object({ slug: z.string(), title: z.string() }),
        changedAt: timestamp().nullable(),
      }),
    ),
    messages: z.array(
      z.object({
        kind: z.string(),
        subject: z.string(),
        moduleSlug: z.string().nullable(),
        status: z.enum(['pending', 'sent']),
        createdAt: timestamp(),
        sentAt: timestamp().nullable(),
      }),
    ),
    audit: z.array(
      z.object({
        action: z.string(),
        actorId: uuid().nullable(),
        subjectId: z.string(),
        reason: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
        createdAt: timestamp(),
      }),
    ),
  })
  .meta({ id: 'MemberDetail' });

export const grantedResponse = z.object({ granted: z.literal(1) }).meta({ id: 'AttemptGranted' });
