import { DataIntegrityProof } from '@digitalbazaar/data-integrity';

const CACHED_PROOF_OPTIONS = 16;

/**
 * Canonical proof options (RDFC-1.0 N-Quads) by what they are made of. Issuing hashes two canonical
 * documents: the credential, and the proof options with the credential's contexts. The options are the
 * same for every credential signed in the same second (type, cryptosuite, key, purpose and `created`,
 * which has whole seconds), yet canonicalising them costs as much JSON-LD context processing as the
 * credential itself. The contexts come only from the offline loader, so the same input always gives the
 * same N-Quads: a cached result is exactly what canonicalising again would give.
 */
export class ProofOptionsCache {
  private readonly entries = new Map<string, Promise<string>>();

  get(key: string, canonize: () => Promise<string>): Promise<string> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const pending = canonize();
    this.entries.set(key, pending);
    if (this.entries.size > CACHED_PROOF_OPTIONS) this.entries.delete(this.entries.keys().next().value!);
    pending.catch(() => this.entries.delete(key));
    return pending;
  }
}

/** DataIntegrityProof, with the proof options' canonical form taken from a ProofOptionsCache. */
export class ReusingDataIntegrityProof extends DataIntegrityProof {
  constructor(
    options: ConstructorParameters<typeof DataIntegrityProof>[0],
    private readonly cache: ProofOptionsCache,
  ) {
    super(options);
  }

  override canonizeProof(
    proof: Record<string, unknown>,
    options: { document: Record<string, unknown>; documentLoader: unknown },
  ): Promise<string> {
    const { proofValue: _unsigned, ...fields } = proof;
    const key = JSON.stringify([this.contextUrl, options.document['@context'], fields]);
    return this.cache.get(key, () => super.canonizeProof(proof, options));
  }
}
