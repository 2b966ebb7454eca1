import { z } from 'zod';
import { LOCALES } from '@greenlight/common';
import { ROLES } from '../users/user.entity';
import { printedName } from '../users/printed-name';

const email = z
  .email('must be a valid email address')
  .max(254)
  .transform((e) => e.trim());
const password = z.string().min(10, 'must be at least 10 characters').max(200);
const name = printedName;
const locale = z.enum(LOCALES);

export const registerSchema = z.strictObject({ email, password, name, locale: locale.optional() });
export type RegisterDto = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });
export type LoginDto = z.infer<typeof loginSchema>;

export const updateMeSchema = z
  .strictObject({
    name: name.optional(),
    locale: locale.optional(),
    password: password.optional(),
    currentPassword: z.string().max(200).optional(),
  })
  .refine((body) => !body.password || body.currentPassword, {
    message: 'is required to change the password',
    path: ['currentPassword'],
  });
export type UpdateMeDto = z.infer<typeof updateMeSchema>;

export const updateRoleSchema = z.strictObject({ role: z.enum(ROLES) });
export type UpdateRoleDto = z.infer<typeof updateRoleSchema>;

export const userSearchSchema = z.strictObject({
  query: z.string().max(200).optional(),
  role: z.enum(ROLES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserSearchDto = z.infer<typeof userSearchSchema>;

export const userIdSchema = z.uuid('must be a UUID');

// Accounts: password reset and email verification.
const token = z.string().min(1).max(200);
export const passwordResetSchema = z.strictObject({ email });
export type PasswordResetDto = z.infer<typeof passwordResetSchema>;
export const passwordResetConfirmSchema = z.strictObject({ token, password });
export type PasswordResetConfirmDto = z.infer<typeof passwordResetConfirmSchema>;
export const emailVerificationSchema = z.strictObject({ token });
export type EmailVerificationDto = z.infer<typeof emailVerificationSchema>;

// Single sign-on.
export const oidcLoginSchema = z.strictObject({ next: z.string().max(2000).optional() });
export type OidcLoginDto = z.infer<typeof oidcLoginSchema>;
