import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { loadConfig } from '@greenlight/config';
import { certificateRecord } from '../certificate.test-helper';
import { CredentialIssuer } from './credential-issuer.service';
import { offlineDocumentLoader } from './document-loader';
import { generateSigningSeed, loadSigningKeys, SigningKeySet } from './signing-keys';

jest.setTimeout(30_000);

const certificateAt = (issuedAt: Date, holderName: string, cpdHours = 4.5) =>
  certificateRecord({ issuedAt, holderName, cpdHours });

describe('the credential issuer', () => {
  let keys: SigningKeySet;
  let issuer: CredentialIssuer;

  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      JWT_SECRET: 'credential-issuer-spec-secret-that-is-long-enough',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gl-issuer-')),
      CREDENTIAL_SIGNING_KEY: generateSigningSeed(),
      SUBJECT_HASH_SALT: 'credential-issuer-spec-salt',
    });
    keys = await loadSigningKeys(config);
    issuer = new CredentialIssuer(keys, config);
  });

  /** The proof as the Digital Bazaar libraries make it with their defaults: a Multikey signer, no caching. */
  async function referenceProof(unsigned: Record<string, unknown>, issuedAt: Date) {
    const keyPair = await Ed25519Multikey.fromJwk({
      jwk: keys.current.privateKey.export({ format: 'jwk' }) as Record<string, unknown>,
      secretKey: true,
      id: issuer.verificationMethodId(keys.current.kid),
      controller: issuer.issuerId,
    });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: issuedAt });
    return vc.issue({
      credential: structuredClone(unsigned),
      suite,
      documentLoader: offlineDocumentLoader(issuer.controllerDocuments()),
    });
  }

  it('signs exactly the bytes the libraries sign by default, whether or not the proof options were seen before', async () => {
    const second = new Date('2026-03-05T12:00:00Z');
    const next = new Date('2026-03-05T12:00:01Z');
    // Concurrently, as the worker does: several credentials share a second (and its proof options).
    const certificates = [
      certificateAt(second, 'Nîpisîhkopahk Ōkawa'),
      certificateAt(second, 'Émilie "Mimi" Tremblay\nO’Brien', 1),
      certificateAt(second, 'ᐊᑕᐅᓯᐊᖅ', 0.25),
      certificateAt(next, 'Nîpisîhkopahk Ōkawa'),
      certificateAt(second, 'Zoë Ashford'),
    ];
    const issued = await Promise.all(certificates.map((c) => issuer.issue(c, `${c.holderName.length}@example.org`)));
    for (const [i, certificate] of certificates.entries()) {
      const { proof, ...unsigned } = issued[i].credential;
      expect(proof).toEqual([
        expect.objectContaining({ created: certificate.issuedAt.toISOString().replace('.000Z', 'Z') }),
      ]);
      const reference = await referenceProof(unsigned, certificate.issuedAt);
      // The same proof, as the one member of the list 1EdTech's schema asks for.
      expect(JSON.stringify(issued[i].credential)).toBe(JSON.stringify({ ...reference, proof: [reference.proof] }));
    }
  });

  it('gives different proofs for different credentials in the same second', async () => {
    const second = new Date('2026-03-06T08:30:00Z');
    const [a, b] = await Promise.all([
      issuer.issue(certificateAt(second, 'Aiyana'), 'a@example.org'),
      issuer.issue(certificateAt(second, 'Aiyana'), 'a@example.org'),
    ]);
    const [proofA] = a.credential.proof as { created: string; proofValue: string }[];
    const [proofB] = b.credential.proof as { proofValue: string }[];
    expect(proofA.created).toBe('2026-03-06T08:30:00Z');
    expect(proofA.proofValue).not.toBe(proofB.proofValue);
  });
});
