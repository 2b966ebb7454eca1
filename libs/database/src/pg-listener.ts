import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RELISTEN_DELAY_MS = 1000;

export interface PgListenerOptions {
  connectionString: string;
  /** The channel to LISTEN on (a plain identifier). */
  channel: string;
  /** Shown in pg_stat_activity, so an operator (or a test) can tell the connection apart. */
  applicationName: string;
  /** A NOTIFY arrived on the channel, with its payload ('' when none). */
  onNotify: (payload: string) => void;
  /** LISTEN holds (at start and after every reconnection): notifications sent before now may have been missed. */
  onListening?: () => void;
  /** The connection was lost: notifications are missed until onListening is called again. */
  onLost?: () => void;
  logger: Logger;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel (LISTEN needs a connection of its own, not
 * one of the pool's) and reconnects on its own, a second later, whenever it is lost — PostgreSQL restarting,
 * an operator terminating the backend. Returns the function that stops it.
 */
export function listenTo(options: PgListenerOptions): () => Promise<void> {
  let stopped = false;
  let current: Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const client = new Client({
      connectionString: options.connectionString,
      application_name: options.applicationName,
    });
    let lost = false;
    const retry = () => {
      if (lost || stopped) return;
      lost = true;
      if (current === client) current = undefined;
      client.end().catch(() => undefined);
      options.onLost?.();
      timer = setTimeout(() => void connect(), RELISTEN_DELAY_MS);
    };
    client.on('notification', (message) => options.onNotify(message.payload ?? ''));
    client.on('error', retry);
    client.on('end', retry);
    current = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${options.channel}`);
      if (!lost && !stopped) options.onListening?.();
    } catch (error) {
      options.logger.warn(`Cannot LISTEN on ${options.channel}, retrying: ${(error as Error).message}`);
      retry();
    }
  };

  void connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current?.end().catch(() => undefined);
  };
}
