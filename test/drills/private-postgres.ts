import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@greenlight/testing';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the drill's own (initdb in a temp dir, on a spare port), so a drill can stop
 * and restart it without touching the machine's shared server. initdb refuses to run as root, so as
 * root the cluster belongs to the `postgres` user and its commands run through runuser.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly owner: { uid: number; gid: number } | null,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const root = userInfo().uid === 0;
    const dir = mkdtempSync(join(tmpdir(), 'gl-drill-pg-'));
    let owner: { uid: number; gid: number } | null = null;
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      owner = { uid, gid };
      chownSync(dir, uid, gid);
      chmodSync(dir, 0o700);
    }
    const pg = new PrivatePostgres(dir, await freePort(), owner);
    pg.run('initdb', ['-D', pg.data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await pg.startServer();
    const client = new Client({ connectionString: pg.url('postgres') });
    await client.connect();
    await client.query('CREATE DATABASE greenlight');
    await client.end();
    return pg;
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  url(database = 'greenlight'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private run(command: string, args: string[]): void {
    const binary = join(BIN, command);
    if (this.owner) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'pipe' });
    else execFileSync(binary, args, { stdio: 'pipe' });
  }

  async startServer(): Promise<void> {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** A fast shutdown, as an operator's restart or a crash-safe failover would do: clients are cut off. */
  async stopServer(): Promise<void> {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
