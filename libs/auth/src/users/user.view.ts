import type { UserEntity } from './user.entity';

/** The only shape in which a user leaves the service: never the hash or the login counters. */
export function toUserView(user: UserEntity) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null,
  };
}
export type UserView = ReturnType<typeof toUserView>;
