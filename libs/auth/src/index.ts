export * from './auth.module';
export * from './auth.exception';
export * from './audit/audit.service';
export * from './session/roles';
export * from './session/current-user.decorator';
export * from './users/user.entity';
export * from './users/users.repository';
export { hashPassword } from './session/password';
export { SESSION_COOKIE } from './session/jwt.strategy';
