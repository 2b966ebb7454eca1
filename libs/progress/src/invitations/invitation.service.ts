import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditService, AuthUser, EmailVerifiedHooks, UsersRepository } from '@greenlight/auth';
import { localize } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogReader, ModuleSnapshot } from '@greenlight/course';
import { invitationTemplate, MessagesService } from '@greenlight/messages';
import { checkedTrack, checkEnrolmentWindow, EnrolmentService } from '../enrolments/enrolment.service';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import type { InvitationDto } from './invitation.dto';
import { InvitationRepository } from './invitation.repository';

const EMAIL = /^[^\s@<>,;"']+@[^\s@<>,;"']+\.[^\s@<>,;"']+$/;

export interface InvitationOutcome {
  enrolled: string[];
  invited: string[];
  alreadyEnrolled: string[];
  invalid: string[];
}

/**
 * Staff invite a list of addresses to a module. Only a verified address counts as a member's: an
 * account whose address is not proven yet is invited like a stranger, so nobody is enrolled through
 * an address they merely typed in. Invitations are claimed when an account proves the address (the
 * auth lib's EmailVerifiedHooks) and, as a catch-up for what the hook missed (another process
 * verified it, a sign-in through OIDC), whenever the member lists their enrolments.
 */
@Injectable()
export class InvitationService implements OnModuleInit {
  private readonly logger = new Logger(InvitationService.name);

  constructor(
    private readonly invitations: InvitationRepository,
    private readonly enrolments: EnrolmentService,
    private readonly catalog: CatalogReader,
    private readonly messages: MessagesService,
    private readonly audit: AuditService,
    private readonly hooks: EmailVerifiedHooks,
    private readonly users: UsersRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register((user) => this.claim(user.id));
  }

  async invite(actor: AuthUser, slug: string, request: InvitationDto): Promise<InvitationOutcome> {
    const snapshot = await this.snapshot(slug);
    checkEnrolmentWindow(snapshot);
    checkedTrack(snapshot, request.track);
    const outcome: InvitationOutcome = { enrolled: [], invited: [], alreadyEnrolled: [], invalid: [] };
    const emails = [...new Set(request.emails.map((email) => email.trim().toLowerCase()))];
    const valid = emails.filter((email) => {
      if (!EMAIL.test(email)) outcome.invalid.push(email);
      return EMAIL.test(email);
    });
    // Accounts are the auth lib's: read through its port, compared as lower-cased addresses.
    const accounts = new Map((await this.users.byEmails(valid)).map((account) => [account.email, account]));
    const enrolled = await this.invitations.enrolledMembers(
      snapshot.moduleId,
      [...accounts.values()].map((account) => account.id),
    );
    for (const email of valid) {
      const account = accounts.get(email);
      if (account && enrolled.has(account.id)) {
        outcome.alreadyEnrolled.push(email);
      } else if (account?.emailVerified) {
        await this.enrolments.enrolMember(account.id, snapshot, request.track);
        await this.invitations.markEnrolled(snapshot.moduleId, snapshot.slug, email, account.id, actor.id);
        outcome.enrolled.push(email);
      } else {
        await this.sendInvitation(actor, snapshot, email, request);
        outcome.invited.push(email);
      }
    }
    await this.audit.record({
      actorId: actor.id,
      action: 'progress.members_invited',
      subjectType: 'module',
      subjectId: snapshot.moduleId,
      details: { moduleSlug: snapshot.slug, enrolled: outcome.enrolled, invited: outcome.invited },
    });
    return outcome;
  }

  async list(slug: string) {
    const snapshot = await this.snapshot(slug);
    return { items: await this.invitations.list(snapshot.moduleId) };
  }

  /** Enrols a verified account in every module its address was invited to; returns how many. */
  async claim(userId: string): Promise<number> {
    let claimed = 0;
    const account = await this.users.findContact(userId);
    if (!account?.emailVerified) return 0;
    for (const invitation of await this.invitations.pendingFor(account.email.toLowerCase())) {
      const snapshot = await this.catalog.getLatestPublished(invitation.moduleSlug);
      if (!snapshot) continue;
      try {
        await this.enrolments.enrolMember(userId, snapshot, invitation.track ?? undefined);
      } catch (error) {
        // The module closed (or lost the track) since: the invitation stays, visible to staff as waiting.
        this.logger.warn(`Invitation of ${userId} to ${snapshot.slug} not claimed: ${(error as Error).message}`);
        continue;
      }
      await this.invitations.markEnrolled(invitation.moduleId, invitation.moduleSlug, invitation.email, userId, null);
      claimed += 1;
    }
    return claimed;
  }

  private async sendInvitation(actor: AuthUser, snapshot: ModuleSnapshot, email: string, request: InvitationDto) {
    const locale = request.locale ?? 'en';
    const signUp = new URL('/login', this.config.PUBLIC_URL);
    signUp.search = new URLSearchParams({ mode: 'signup', next: `/modules/${snapshot.slug}`, lang: locale }).toString();
    const composed = invitationTemplate[locale]({
      moduleTitle: localize(snapshot.title, locale),
      programName: this.config.PROGRAM_NAME,
      signUpUrl: signUp.toString(),
    });
    await this.invitations.transaction(async (manager) => {
      await this.invitations.invite(manager, {
        moduleId: snapshot.moduleId,
        moduleSlug: snapshot.slug,
        email,
        track: request.track ?? null,
        invitedBy: actor.id,
      });
      // Once per module and address: inviting again records nothing new and sends nothing.
      await this.messages.send(
        {
          kind: 'invitation',
          to: email,
          locale,
          ...composed,
          dedupeKey: `invitation-${snapshot.moduleId}-${email}`,
          moduleSlug: snapshot.slug,
        },
        { sql: manager },
      );
    });
  }

  private async snapshot(slug: string): Promise<ModuleSnapshot> {
    const snapshot = await this.catalog.getLatestPublished(slug);
    if (!snapshot) throw new ProgressException(ProgressExceptionCode.ModuleNotFound, `No module "${slug}"`);
    return snapshot;
  }
}
