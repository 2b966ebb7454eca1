import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '@greenlight/config';
import { MessagesModule } from '@greenlight/messages';
import { AccountController } from './account/account.controller';
import { AccountService } from './account/account.service';
import { AccountTokensRepository } from './account/account-tokens.repository';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuditController } from './audit/audit.controller';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { IdentitiesRepository } from './oidc/identities.repository';
import { OidcController } from './oidc/oidc.controller';
import { OidcFlowCookie } from './oidc/oidc-flow-cookie';
import { OidcService } from './oidc/oidc.service';
import { AuthController } from './session/auth.controller';
import { ActiveSessions } from './session/active-sessions';
import { AuthService } from './session/auth.service';
import { JwtStrategy } from './session/jwt.strategy';
import { LocalStrategy } from './session/local.strategy';
import { LoginThrottleRepository } from './session/login-throttle.repository';
import { SessionCookie } from './session/session-cookie';
import { SessionGuard } from './session/session.guard';
import { SessionsRepository } from './session/sessions.repository';
import { SessionsService } from './session/sessions.service';
import { VerifiedTokens } from './session/verified-tokens';
import { UserEntity } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { EmailVerifiedHooks } from './account/email-verified.hooks';

/** Mounted by every app: sessions, users, roles, the global guard and the audit log. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, AuditEntryEntity]),
    PassportModule,
    MessagesModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_TTL as never },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: config.AUTH_RATE_LIMIT }],
      }),
    }),
  ],
  controllers: [AuthController, AccountController, OidcController, UsersController, AuditController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    AuditRepository,
    AuditService,
    JwtStrategy,
    VerifiedTokens,
    SessionsRepository,
    ActiveSessions,
    SessionsService,
    LoginThrottleRepository,
    SessionCookie,
    AccountService,
    AccountTokensRepository,
    EmailVerifiedHooks,
    LocalStrategy,
    IdentitiesRepository,
    OidcFlowCookie,
    OidcService,
    AdminBootstrapService,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AuditService, UsersRepository, EmailVerifiedHooks],
})
export class AuthModule {}
