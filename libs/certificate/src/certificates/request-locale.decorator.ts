import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { pickLocale } from '@greenlight/common';

/** The caller's language: `?lang=`, then `Accept-Language`, then their profile, then English. */
export const RequestLocale = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest();
  const lang = typeof request.query?.lang === 'string' ? request.query.lang : undefined;
  return pickLocale(lang, request.headers['accept-language'], request.user?.locale);
});
