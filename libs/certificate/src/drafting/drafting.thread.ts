// A drafting thread (see ThreadedDrafter): renders and signs the certificates the main thread sends it.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from '@greenlight/config';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { loadSigningKeys } from '../credentials/signing-keys';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import { DraftRequest, InProcessDrafter } from './certificate-drafter';
import type { ThreadReply } from './threaded-drafter';

const config = (workerData as { config: AppConfig }).config;
const drafter = loadSigningKeys(config).then(
  (keys) => new InProcessDrafter(new CertificatePdfRenderer(config), new CredentialIssuer(keys, config)),
);

parentPort!.on('message', ({ id, request }: { id: number; request: DraftRequest }) => {
  drafter
    .then((d) => d.draft(request))
    .then(
      (draft): ThreadReply => ({ id, draft }),
      (error: unknown): ThreadReply => ({ id, error: error instanceof Error ? error.message : String(error) }),
    )
    .then((reply) => parentPort!.postMessage(reply));
});
