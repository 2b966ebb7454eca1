import { Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { z } from 'zod';
import { pickLocale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { EmailVerifiedHooks } from '../account/email-verified.hooks';
import { Session, SessionsService } from '../session/sessions.service';
import { printedName } from '../users/printed-name';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { IdentitiesRepository } from './identities.repository';
import type { OidcFlow } from './oidc-flow-cookie';

/** Why a sign-in through the provider was refused: the sign-in page says it in the member's words. */
export type OidcRefusal =
  'cancelled' | 'expired' | 'failed' | 'unavailable' | 'no_email' | 'unverified_email' | 'linked_elsewhere';

export type OidcOutcome = { session: Session } | { refused: OidcRefusal };

type Profile = client.IDToken & Record<string, unknown>;

const email = z.email().max(254);

/**
 * Single sign-on through the association's OpenID Connect provider (authorization code with PKCE,
 * state and nonce). A person is known by the provider's issuer and subject; on their first sign-in
 * they are linked to the account holding the same address, or a member is created, and only when the
 * provider vouches for the address (`email_verified`, or Entra's `xms_edov`): an unverified address is
 * anyone's claim.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered?: Promise<client.Configuration>;
  readonly redirectUri: string;
  /** Where the provider sends the browser back after signing out there (register it at the provider). */
  readonly postLogoutRedirectUri: string;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly identities: IdentitiesRepository,
    private readonly sessions: SessionsService,
    private readonly hooks: EmailVerifiedHooks,
  ) {
    this.redirectUri = new URL('/api/auth/oidc/callback', config.PUBLIC_URL).toString();
    this.postLogoutRedirectUri = new URL('/', config.PUBLIC_URL).toString();
  }

  get enabled(): boolean {
    return this.config.OIDC_ISSUER !== undefined;
  }

  /** Where to send the browser, and what it must bring back. */
  async start(next: string): Promise<{ url: URL; flow: OidcFlow } | { refused: OidcRefusal }> {
    const configuration = await this.configuration().catch((error: unknown) => this.unreachable(error));
    if (!configuration) return { refused: 'unavailable' };
    const flow: OidcFlow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      next,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.OIDC_SCOPES,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, flow };
  }

  /** The provider's answer at the callback, checked against the flow this browser started. */
  async finish(callbackUrl: URL, flow: OidcFlow | null): Promise<OidcOutcome> {
    if (callbackUrl.searchParams.get('error') === 'access_denied') return { refused: 'cancelled' };
    if (!flow) return { refused: 'expired' };
    const configuration = await this.configuration().catch((error: unknown) => this.unreachable(error));
    if (!configuration) return { refused: 'unavailable' };
    let profile: Profile;
    let idToken: string;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      profile = tokens.claims() as Profile;
      idToken = tokens.id_token!;
      // Some providers keep the address out of the ID token and answer it at userinfo only.
      if (profile.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
        profile = { ...(await client.fetchUserInfo(configuration, tokens.access_token, profile.sub)), ...profile };
      }
    } catch (error) {
      this.logger.warn(`A single sign-on callback was refused: ${error instanceof Error ? error.message : error}`);
      return { refused: 'failed' };
    }
    return this.signIn(configuration.serverMetadata().issuer, profile, idToken);
  }

  /**
   * Where the browser signs out at the provider too (RP-initiated logout): its end-session endpoint with
   * the session's ID token as the hint, coming back to this site's home page. Null when the provider has
   * no such endpoint (Google) or cannot be reached: the session here has ended all the same.
   */
  async endSessionUrl(idToken: string): Promise<URL | null> {
    const configuration = await this.configuration().catch((error: unknown) => this.unreachable(error));
    if (!configuration?.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.postLogoutRedirectUri,
    });
  }

  private async signIn(issuer: string, profile: Profile, idToken: string): Promise<OidcOutcome> {
    const knownId = await this.identities.signIn(issuer, profile.sub);
    const known = knownId ? await this.users.findById(knownId) : null;
    if (known) return { session: await this.sessions.open(known, idToken) };

    const address = email.safeParse(typeof profile.email === 'string' ? profile.email.trim() : undefined);
    if (!address.success) return { refused: 'no_email' };
    if (profile.email_verified !== true && profile.xms_edov !== true) return { refused: 'unverified_email' };

    const existing = await this.users.findByEmail(address.data);
    const user =
      existing ??
      (await this.users.create({
        email: address.data,
        passwordHash: null,
        name: nameOf(profile, address.data),
        role: 'member',
        locale: pickLocale(typeof profile.locale === 'string' ? profile.locale : undefined),
        emailVerifiedAt: new Date(),
      })) ??
      // Registered a moment ago by a parallel request: link that account like any other.
      (await this.users.findByEmail(address.data));
    if (!user) return { refused: 'failed' };
    const linkedId = await this.identities.link(user.id, { issuer, subject: profile.sub, email: address.data });
    if (!linkedId) return { refused: 'linked_elsewhere' };
    if (linkedId !== user.id) return this.signIn(issuer, profile, idToken);
    const member = await this.claimAddress(user);
    // The provider has just proven the address: what waits for it (an invitation) is theirs now.
    await this.hooks.verified(member);
    return { session: await this.sessions.open(member, idToken) };
  }

  /**
   * Linking to an account whose address was never proven: the provider has now proven it, so whoever
   * registered it with a password without proving it (perhaps someone else, waiting for its owner to
   * arrive) loses that password and their sessions. The owner keeps the account and can set a password
   * by reset.
   */
  private async claimAddress(user: UserEntity): Promise<UserEntity> {
    if (user.emailVerifiedAt) return user;
    const claimed = await this.users.update(user.id, { passwordHash: null, verifyEmail: true });
    await this.sessions.endAll(user.id);
    return claimed ?? user;
  }

  /** Discovered once, on first use, so the platform starts while the provider is down; a failure is retried. */
  private configuration(): Promise<client.Configuration> {
    const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = this.config;
    this.discovered ??= client
      .discovery(
        new URL(OIDC_ISSUER!),
        OIDC_CLIENT_ID!,
        { redirect_uris: [this.redirectUri], response_types: ['code'] },
        client.ClientSecretPost(OIDC_CLIENT_SECRET!),
        // Plain http is refused at boot in production (libs/config); elsewhere it is a local provider.
        { execute: OIDC_ISSUER!.startsWith('http:') ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  private unreachable(error: unknown): undefined {
    this.logger.error(
      `The single sign-on provider ${this.config.OIDC_ISSUER} could not be reached: ${error instanceof Error ? error.message : error}`,
    );
    return undefined;
  }
}

/** The provider's name for the person as a printable name, else their address's local part. */
function nameOf(profile: Profile, address: string): string {
  const given = [profile.given_name, profile.family_name].filter((part) => typeof part === 'string').join(' ');
  for (const candidate of [profile.name, given, address.split('@')[0]]) {
    const parsed = printedName.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return 'Member';
}
