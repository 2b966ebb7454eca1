import { Logger, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '@greenlight/config';
import { ArtifactMaker, CertificateArtifacts, ArtifactRequest } from './certificate-artifacts';

/** What an artifact thread answers for task `id`. */
export type ThreadReply = { id: number; artifacts: CertificateArtifacts } | { id: number; error: string };

interface Pending {
  resolve: (artifacts: CertificateArtifacts) => void;
  reject: (error: Error) => void;
}

interface Thread {
  slot: number;
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Making the artifacts takes milliseconds; one still running after this has hung its thread. */
const DRAFT_TIMEOUT_MS = 60_000;

/** The compiled thread entry beside this file (`artifacts.thread.js` in dist/). */
export const THREAD_FILE = join(__dirname, 'artifacts.thread.js');

/**
 * Makes the artifacts on a pool of worker threads, each with its own renderer and credential issuer, so a
 * worker process renders and signs on as many cores as it is given while its main thread keeps to the
 * database and the queue. Each task goes to the thread with the fewest in flight. A thread that dies,
 * or hangs on a certificate for a minute, fails only its own tasks (BullMQ retries those jobs) and is replaced
 * for the next one.
 */
export class ThreadedArtifactMaker extends ArtifactMaker implements OnModuleDestroy {
  private readonly logger = new Logger(ThreadedArtifactMaker.name);
  private readonly threads: (Thread | null)[];
  private nextId = 0;
  private closing = false;

  constructor(
    private readonly config: AppConfig,
    size: number,
    private readonly file = THREAD_FILE,
    private readonly timeoutMs = DRAFT_TIMEOUT_MS,
  ) {
    super();
    this.threads = Array.from({ length: size }, () => null);
  }

  make(request: ArtifactRequest): Promise<CertificateArtifacts> {
    if (this.closing) return Promise.reject(new Error('The artifact threads are shutting down'));
    const thread = this.leastBusy();
    const id = ++this.nextId;
    return new Promise<CertificateArtifacts>((resolve, reject) => {
      const timer = setTimeout(() => {
        thread.pending.delete(id);
        reject(new Error(`Making a certificate's PDF and credential took over ${this.timeoutMs / 1000} s`));
        this.logger.error(`Artifact thread ${thread.slot} hung on a certificate; replacing it`);
        this.retire(thread, new Error(`Artifact thread ${thread.slot} was replaced: it hung on another certificate`));
        void thread.worker.terminate();
      }, this.timeoutMs);
      const settle = () => clearTimeout(timer);
      thread.pending.set(id, {
        resolve: (artifacts) => (settle(), resolve(artifacts)),
        reject: (error) => (settle(), reject(error)),
      });
      thread.worker.postMessage({ id, request });
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread?.worker.terminate()));
  }

  /** Threads start on first use, so a process that never issues never starts one. */
  private leastBusy(): Thread {
    let best = -1;
    for (let i = 0; i < this.threads.length; i++) {
      const thread = this.threads[i];
      if (!thread) {
        this.threads[i] = this.start(i);
        return this.threads[i]!;
      }
      if (best < 0 || thread.pending.size < this.threads[best]!.pending.size) best = i;
    }
    return this.threads[best]!;
  }

  private start(slot: number): Thread {
    const worker = new Worker(this.file, { workerData: { config: this.config } });
    const thread: Thread = { slot, worker, pending: new Map() };
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      const task = thread.pending.get(reply.id);
      if (!task) return;
      thread.pending.delete(reply.id);
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(received(reply.artifacts));
    });
    worker.on('error', (error) => {
      this.logger.error(`Artifact thread ${slot} failed: ${error.message}`);
      this.retire(thread, error);
    });
    worker.on('exit', (code) => this.retire(thread, new Error(`Artifact thread ${slot} stopped (exit code ${code})`)));
    return thread;
  }

  /** Fails the thread's tasks and frees its slot: the next certificate there starts a new thread. */
  private retire(thread: Thread, error: Error): void {
    for (const task of thread.pending.values()) task.reject(error);
    thread.pending.clear();
    if (this.threads[thread.slot] === thread) this.threads[thread.slot] = null;
  }
}

/** A Buffer crosses threads as a plain Uint8Array: make it a Buffer again, without copying. */
function received(artifacts: CertificateArtifacts): CertificateArtifacts {
  const bytes = artifacts.pdf.bytes as Uint8Array;
  return {
    ...artifacts,
    pdf: { ...artifacts.pdf, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
  };
}
