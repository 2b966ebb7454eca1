import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './roles';

/** The signed-in caller, or undefined on a public route called anonymously. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest().user ?? undefined,
);
