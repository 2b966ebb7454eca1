import { Injectable } from '@nestjs/common';
import { createCredential, createList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { STATUS_LIST_LENGTH, statusListSlot, statusListUrl } from './status-list-entry';
import { StatusListRepository } from './status-list.repository';

const SIGNED_LISTS_KEPT = 8;

/**
 * The revocation status lists: positions handed out at issue, bits set in the transaction that revokes
 * or supersedes, and each list published as a signed BitstringStatusListCredential. A list is signed
 * again only when it changed (its `updated_at`), so serving it costs a read.
 */
@Injectable()
export class StatusListService {
  private readonly signed = new Map<string, Promise<Record<string, unknown>>>();
  private empty?: Promise<string>;

  constructor(
    private readonly repository: StatusListRepository,
    private readonly credentials: CredentialIssuer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  allocatePosition(): Promise<number> {
    return this.repository.allocatePosition();
  }

  /** Sets the certificate's revocation bit, inside the caller's transaction (no queue, no Redis). */
  async revoke(position: number | null, manager: EntityManager): Promise<void> {
    if (position === null) return;
    const { list, index } = statusListSlot(position);
    const row = await this.repository.lock(list, 'revocation', await this.emptyList(), manager);
    const bits = await decodeList({ encodedList: row.encodedList });
    bits.setStatus(index, true);
    await this.repository.save(list, 'revocation', await bits.encode(), manager);
  }

  /** Whether the certificate at this position is revoked in the published list (what a verifier sees). */
  async isRevoked(position: number): Promise<boolean> {
    const { list, index } = statusListSlot(position);
    const row = await this.repository.find(list, 'revocation');
    if (!row) return false;
    return (await decodeList({ encodedList: row.encodedList })).getStatus(index);
  }

  /** The signed status list credential, or null for a list no position has reached. */
  async credential(list: number): Promise<Record<string, unknown> | null> {
    let row = await this.repository.find(list, 'revocation');
    if (!row) {
      if (list * STATUS_LIST_LENGTH > (await this.repository.lastPosition())) return null;
      // A list nobody has revoked from yet: its row is made once, so it is signed once.
      row = await this.repository.ensure(list, 'revocation', await this.emptyList());
    }
    const key = `${list}@${row.updatedAt.toISOString()}`;
    let signed = this.signed.get(key);
    if (!signed) {
      signed = this.sign(list, row.encodedList, row.updatedAt);
      this.signed.set(key, signed);
      signed.catch(() => this.signed.delete(key));
      if (this.signed.size > SIGNED_LISTS_KEPT) this.signed.delete(this.signed.keys().next().value!);
    }
    return signed;
  }

  private async sign(list: number, encodedList: string, updatedAt: Date): Promise<Record<string, unknown>> {
    const id = statusListUrl(this.config.PUBLIC_URL, list);
    const unsigned = await createCredential({
      id,
      list: await decodeList({ encodedList }),
      statusPurpose: 'revocation',
    });
    const at = new Date(Math.floor(updatedAt.getTime() / 1000) * 1000);
    return this.credentials.sign(
      {
        ...unsigned,
        name: `${this.config.ISSUER_NAME}: revoked certificates, list ${list}`,
        issuer: this.credentials.issuerId,
        validFrom: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      at,
    );
  }

  private emptyList(): Promise<string> {
    this.empty ??= createList({ length: STATUS_LIST_LENGTH }).then((list) => list.encode());
    return this.empty;
  }
}
