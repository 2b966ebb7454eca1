import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Public } from '@greenlight/common';
import {
  emailVerificationSchema,
  EmailVerificationDto,
  passwordResetConfirmSchema,
  PasswordResetConfirmDto,
  passwordResetSchema,
  PasswordResetDto,
} from '../dto/auth.dto';
import { SessionResponse, sessionResponse, UserResponse, userResponse } from '../dto/auth-response.dto';
import { LocalLoginGuard } from '../session/local-login.guard';
import { SessionCookie } from '../session/session-cookie';
import { SetsSession } from '../session/session.guard';
import { AccountService } from './account.service';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Post('password-reset')
  @UseGuards(LocalLoginGuard)
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Whatever the address: a known one is mailed a link valid 1 hour, usable once' })
  async requestReset(@Body({ schema: passwordResetSchema }) body: PasswordResetDto): Promise<void> {
    await this.account.requestPasswordReset(body.email);
  }

  @Public()
  @SetsSession()
  @Post('password-reset/confirm')
  @UseGuards(LocalLoginGuard)
  @HttpCode(200)
  @ApiOkResponse({
    standardSchema: sessionResponse,
    description: 'Signed in with the new password; 400 bad, used or expired token',
  })
  async confirmReset(
    @Body({ schema: passwordResetConfirmSchema }) body: PasswordResetConfirmDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.cookie.set(reply, await this.account.resetPassword(body.token, body.password));
  }

  @Public()
  @Post('email-verification/confirm')
  @HttpCode(200)
  @ApiOkResponse({
    standardSchema: userResponse,
    description: 'The user, with emailVerified: true; 400 bad, used or expired token',
  })
  confirmEmail(@Body({ schema: emailVerificationSchema }) body: EmailVerificationDto): Promise<UserResponse> {
    return this.account.confirmEmail(body.token);
  }
}
