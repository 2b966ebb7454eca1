// An artifact thread (see ThreadedArtifactMaker): renders and signs the certificates the main thread sends it.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from '@greenlight/config';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { loadSigningKeys } from '../credentials/signing-keys';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf.renderer';
import { ArtifactRequest, InProcessArtifactMaker } from './certificate-artifacts';
import type { ThreadReply } from './threaded-artifact-maker';

const config = (workerData as { config: AppConfig }).config;
const maker = loadSigningKeys(config).then(
  (keys) => new InProcessArtifactMaker(new CertificatePdfRenderer(config), new CredentialIssuer(keys, config)),
);

parentPort!.on('message', ({ id, request }: { id: number; request: ArtifactRequest }) => {
  maker
    .then((m) => m.make(request))
    .then(
      (artifacts): ThreadReply => ({ id, artifacts }),
      (error: unknown): ThreadReply => ({ id, error: error instanceof Error ? error.message : String(error) }),
    )
    .then((reply) => parentPort!.postMessage(reply));
});
