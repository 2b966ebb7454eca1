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

export const meResponse = userResponse
  .extend({
    sso: z.boolean().meta({
      description:
        'Whether this session was opened through the single sign-on provider: signing out then goes through POST /api/auth/oidc/logout, which ends it at the provider too',
    }),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof meResponse>;

export const providerLogoutResponse = z
  .object({
    redirectTo: z.string().nullable().meta({
      description:
        "The provider's end-session page to send the browser to (it comes back to this site's home page); null when the session was not opened through the provider, or the provider has no such page",
    }),
  })
  .meta({ id: 'ProviderLogout' });
export type ProviderLogoutResponse = z.infer<typeof providerLogoutResponse>;

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
