import { Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { oidcLoginSchema, OidcLoginDto } from '../dto/auth.dto';
import {
  ProviderLogoutResponse,
  providerLogoutResponse,
  SignInOptionsResponse,
  signInOptionsResponse,
} from '../dto/auth-response.dto';
import { CurrentUser } from '../session/current-user.decorator';
import { AuthUser } from '../session/roles';
import { SetsSession } from '../session/session.guard';
import { SessionsService } from '../session/sessions.service';
import { SessionCookie } from '../session/session-cookie';
import { OidcFlowCookie } from './oidc-flow-cookie';
import { OidcRefusal, OidcService } from './oidc.service';

@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly flows: OidcFlowCookie,
    private readonly cookie: SessionCookie,
    private readonly sessions: SessionsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('providers')
  @ApiOkResponse({
    standardSchema: signInOptionsResponse,
    description: 'How to sign in here (the sign-in page shows "Sign in with <label>")',
  })
  providers(): SignInOptionsResponse {
    return {
      localLogin: this.config.LOCAL_LOGIN,
      oidc: this.oidc.enabled ? { label: this.config.OIDC_LABEL, loginUrl: '/api/auth/oidc/login' } : null,
    };
  }

  @Public()
  @Get('oidc/login')
  @UseGuards(ThrottlerGuard)
  @ApiQuery({ name: 'next', required: false, description: 'The page of this site to land on afterwards' })
  @ApiFoundResponse({ description: 'To the OpenID Connect provider; 404 when single sign-on is not configured' })
  async login(@Query({ schema: oidcLoginSchema }) query: OidcLoginDto, @Res() reply: FastifyReply): Promise<void> {
    if (!this.oidc.enabled) {
      throw new AuthException(AuthExceptionCode.SsoNotConfigured, 'Single sign-on is not configured on this site.');
    }
    const started = await this.oidc.start(localPath(query.next));
    if ('refused' in started) return this.refuse(reply, started.refused);
    this.flows.set(reply, started.flow);
    await reply.redirect(started.url.href, 302);
  }

  @Public()
  @Get('oidc/callback')
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({
    description:
      'The provider returns here: signs the person in (the same session cookie as a password sign-in) and goes on to the page they came from; a refusal goes to /login?sso=<reason>',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.oidc.enabled) {
      throw new AuthException(AuthExceptionCode.SsoNotConfigured, 'Single sign-on is not configured on this site.');
    }
    const flow = this.flows.take(request, reply);
    // The address the provider redirected to, as registered there (not as a proxy may have rewritten it).
    const callbackUrl = new URL(request.url, this.oidc.redirectUri);
    const outcome = await this.oidc.finish(callbackUrl, flow);
    if ('refused' in outcome) return this.refuse(reply, outcome.refused);
    this.cookie.set(reply, outcome.session);
    // A page of ours moves on, not a redirect: a navigation that began at the provider would not carry
    // the SameSite=Strict session cookie to the first page, which would then render signed out.
    const next = escapeHtml(flow!.next);
    await reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${next}">` +
          `<title>Signed in</title></head><body><main><h1>Signed in</h1><p><a href="${next}">Continue</a></p></main></body></html>`,
      );
  }

  /**
   * Signing out of a session opened through the provider: it ends here at once, and the answer names the
   * provider's end-session page, where the person signs out there too (RP-initiated logout) and comes
   * back to the home page. Any other session simply ends, as with POST /api/auth/logout.
   */
  @Public()
  @SetsSession()
  @Post('oidc/logout')
  @HttpCode(200)
  @ApiOkResponse({
    standardSchema: providerLogoutResponse,
    description: 'Ends this session and clears the session cookie; redirectTo is where the browser goes next',
  })
  async logout(
    @CurrentUser() user: AuthUser | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderLogoutResponse> {
    const idToken = user ? await this.sessions.end(user.sessionId) : null;
    this.cookie.clear(reply);
    const url = idToken && this.oidc.enabled ? await this.oidc.endSessionUrl(idToken) : null;
    return { redirectTo: url?.href ?? null };
  }

  private async refuse(reply: FastifyReply, reason: OidcRefusal): Promise<void> {
    await reply.redirect(`/login?sso=${reason}`, 302);
  }
}

/** Only a path of this site is followed afterwards, in characters that need no quoting in a URL or HTML. */
function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%#~+:@,]*$/.test(next) && !next.startsWith('/login') ? next : '/';
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;');
