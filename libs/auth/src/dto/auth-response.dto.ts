import { LOCALES, pageOf, timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';
import { ROLES } from '../users/user.entity';

/** The responses of the auth routes, as the OpenAPI document (and so the web's types) describe them. */

export const userResponse = z
  .object({
    id: uuid(),
    email: z.string(),
    name: z.string().meta({ description: 'The name printed on certificates' }),
    role: z.enum(ROLES),
    locale: z.enum(LOCALES),
    emailVerified: z.boolean().meta({
      description: 'Whether the member proved the address (a mailed link, a reset, or a provider that vouches)',
    }),
  })
  .meta({ id: 'User' });
export type UserResponse = z.infer<typeof userResponse>;

export const sessionResponse = z
  .object({
    user: userResponse,
    accessToken: z.string().meta({ description: 'Also set as the httpOnly gl_session cookie' }),
  })
  .meta({ id: 'Session' });
export type SessionResponse = z.infer<typeof sessionResponse>;

export const userPageResponse = pageOf(userResponse).meta({ id: 'UserPage' });

export const signInOptionsResponse = z
  .object({
    localLogin: z.boolean(),
    oidc: z.object({ label: z.string(), loginUrl: z.string() }).nullable(),
  })
  .meta({ id: 'SignInOptions' });
export type SignInOptionsResponse = z.infer<typeof signInOptionsResponse>;

export const auditEntryResponse = z
  .object({
    id: uuid(),
    actorId: uuid().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: timestamp(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageResponse = pageOf(auditEntryResponse).meta({ id: 'AuditPage' });
