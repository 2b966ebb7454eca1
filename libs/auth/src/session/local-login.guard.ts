import { CanActivate, Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { AuthException, AuthExceptionCode } from '../auth.exception';

/** Whether passwords are in use here; with `LOCAL_LOGIN=false` only single sign-on opens sessions. */
export function refuseWithoutLocalLogin(config: AppConfig): void {
  if (config.LOCAL_LOGIN) return;
  throw new AuthException(
    AuthExceptionCode.LocalLoginDisabled,
    `Passwords are turned off on this site: sign in with ${config.OIDC_LABEL}.`,
  );
}

/** On the password routes (sign-in, registration, reset): refused before any body is read when LOCAL_LOGIN=false. */
@Injectable()
export class LocalLoginGuard implements CanActivate {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  canActivate(): boolean {
    refuseWithoutLocalLogin(this.config);
    return true;
  }
}
