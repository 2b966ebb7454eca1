import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';

export interface PendingInvitation {
  moduleSlug: string;
  email: string;
  track: string | null;
}

export interface InvitationRow {
  email: string;
  status: 'invited' | 'enrolled';
  track: string | null;
  invitedAt: Date;
  enrolledAt: Date | null;
  memberId: string | null;
}

@Injectable()
export class InvitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async enrolledMembers(moduleId: string, memberIds: string[]): Promise<Set<string>> {
    const rows = await rowsOf<{ memberId: string }>(
      this.dataSource.manager,
      `SELECT member_id AS "memberId" FROM progress.enrolments WHERE module_id = $1 AND member_id = ANY($2::uuid[]) AND current`,
      [moduleId, memberIds],
    );
    return new Set(rows.map((row) => row.memberId));
  }

  /** Records the invitation (again: the first invitation's time and inviter stay). */
  async invite(
    manager: EntityManager,
    invitation: { moduleId: string; moduleSlug: string; email: string; track: string | null; invitedBy: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO progress.invitations (module_id, module_slug, email, track, invited_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (module_id, email) DO UPDATE SET track = excluded.track WHERE invitations.enrolled_at IS NULL`,
      [invitation.moduleId, invitation.moduleSlug, invitation.email, invitation.track, invitation.invitedBy],
    );
  }

  async markEnrolled(
    moduleId: string,
    moduleSlug: string,
    email: string,
    memberId: string,
    invitedBy: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO progress.invitations (module_id, module_slug, email, invited_by, member_id, enrolled_at)
       VALUES ($1, $2, $3, $5, $4, now())
       ON CONFLICT (module_id, email) DO UPDATE SET member_id = excluded.member_id, enrolled_at = now()
         WHERE invitations.enrolled_at IS NULL`,
      [moduleId, moduleSlug, email, memberId, invitedBy],
    );
  }

  /** Invitations to this (lower-cased) address still waiting, oldest first. */
  pendingFor(email: string): Promise<(PendingInvitation & { moduleId: string })[]> {
    return rowsOf(
      this.dataSource.manager,
      `SELECT module_id AS "moduleId", module_slug AS "moduleSlug", email, track
         FROM progress.invitations WHERE email = $1 AND enrolled_at IS NULL
        ORDER BY invited_at`,
      [email],
    );
  }

  list(moduleId: string): Promise<InvitationRow[]> {
    return rowsOf<InvitationRow>(
      this.dataSource.manager,
      `SELECT email, CASE WHEN enrolled_at IS NULL THEN 'invited' ELSE 'enrolled' END AS status, track,
              invited_at AS "invitedAt", enrolled_at AS "enrolledAt", member_id AS "memberId"
         FROM progress.invitations WHERE module_id = $1 ORDER BY invited_at, email`,
      [moduleId],
    );
  }
}
