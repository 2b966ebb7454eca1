import { SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.entity';
import type { Locale } from '@greenlight/common';

export const ROLES_KEY = 'greenlight:roles';

const RANK: Record<Role, number> = { member: 0, staff: 1, admin: 2 };

/** admin ⊇ staff ⊇ member: `@Roles('staff')` lets staff and admins in. */
export const Roles = (minimum: Role) => SetMetadata(ROLES_KEY, minimum);

export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** What a verified session says about the caller; attached to the request as `request.user`. */
export interface AuthUser {
  id: string;
  role: Role;
  locale: Locale;
  /** The auth.sessions row this request's token names (logout ends it). */
  sessionId: string;
  /** Whether that session was opened through the single sign-on provider (signing out ends it there too). */
  sso: boolean;
}
