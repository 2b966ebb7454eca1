import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@greenlight/common';
import { registerSchema, RegisterDto, updateMeSchema, UpdateMeDto } from '../dto/auth.dto';
import { MeResponse, meResponse, SessionResponse, sessionResponse } from '../dto/auth-response.dto';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { LocalAuthGuard } from './local-auth.guard';
import { LocalLoginGuard } from './local-login.guard';
import { AuthUser } from './roles';
import { SetsSession } from './session.guard';
import { SessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @SetsSession()
  @Post('register')
  @UseGuards(ThrottlerGuard, LocalLoginGuard)
  @ApiCreatedResponse({
    standardSchema: sessionResponse,
    description: 'Signed in as the new member; 409 email taken; 403 LOCAL_LOGIN_DISABLED',
  })
  async register(
    @Body({ schema: registerSchema }) body: RegisterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.cookie.set(reply, await this.auth.register(body));
  }

  @Public()
  @SetsSession()
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard, LocalLoginGuard, LocalAuthGuard)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['email', 'password'],
      properties: { email: { type: 'string' }, password: { type: 'string' } },
    },
  })
  @ApiOkResponse({
    standardSchema: sessionResponse,
    description: 'The same 401 for an unknown email and a wrong password; 403 LOCAL_LOGIN_DISABLED',
  })
  async login(
    @Req() request: FastifyRequest & { user: UserEntity },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.cookie.set(reply, await this.auth.sessionFor(request.user));
  }

  @Public()
  @SetsSession()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ends this session (the token stops working) and clears the session cookie' })
  async logout(@CurrentUser() user: AuthUser | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (user) await this.sessions.end(user.sessionId);
    this.cookie.clear(reply);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Ends every session of the signed-in user, this one included' })
  async logoutAll(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.sessions.endAll(user.id);
    this.cookie.clear(reply);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ standardSchema: meResponse, description: 'The signed-in user, and how this session was opened' })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return { ...(await this.users.get(user.id)), sso: user.sso };
  }

  @Patch('me')
  @UseGuards(ThrottlerGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ standardSchema: meResponse, description: 'The updated user, and how this session was opened' })
  async updateMe(
    @CurrentUser() user: AuthUser,
    @Body({ schema: updateMeSchema }) body: UpdateMeDto,
  ): Promise<MeResponse> {
    return { ...(await this.users.updateMe(user, body)), sso: user.sso };
  }
}
