import { ExecutionContext, Injectable, StandardSchemaValidationPipe } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { loginSchema } from '../dto/auth.dto';

/**
 * Guards run before pipes, so the body is validated here first: a malformed sign-in is a 400,
 * not a confusing 401 from passport.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = new StandardSchemaValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    await this.pipe.transform(request.body, {
      type: 'body',
      metatype: undefined,
      data: undefined,
      schema: loginSchema,
    } as never);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    return user;
  }
}
