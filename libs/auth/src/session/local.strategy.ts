import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { UserEntity } from '../users/user.entity';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  /** `request.ip` is the client's address as TRUST_PROXY allows it to be read (the proxy's, without). */
  validate(request: FastifyRequest, email: string, password: string): Promise<UserEntity> {
    return this.auth.validateCredentials(email, password, request.ip);
  }
}
