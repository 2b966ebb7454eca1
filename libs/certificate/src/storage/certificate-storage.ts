/**
 * Where certificate PDFs live. Keys are relative paths such as `2026/GL-2026-7K3Q-9XPM.pdf`; `put`
 * overwrites, so writing the same deterministic file twice (a retried job) is harmless.
 */
export abstract class CertificateStorage {
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /** The stored bytes, or null when there is no such file. */
  abstract get(key: string): Promise<Buffer | null>;
  abstract delete(key: string): Promise<void>;
}
