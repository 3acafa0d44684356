/**
 * The app's side of the server (see runtime-contract.ts). Bundled into the Remix build through
 * app/entry.server.tsx; tests import it from source.
 */
import { sql } from '#app/database/client.server';
import { settings } from '#app/env.server';
import type { ServerRuntime } from './runtime-contract';
import { createSocketServer } from './socket';
import { Presence } from './realtime/presence';
import { connectBus } from './realtime/bus';
import { startJobWorker } from './jobs/worker';

async function databaseIsUp(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([sql`select 1`, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const runtime: ServerRuntime = {
  settings,
  databaseIsUp,
  async attach(httpServer, { log, jobs = true }) {
    const config = settings();
    let presence: Presence | null = null;
    const bus = await connectBus(config.realtimeBus, config.databaseUrl!, log);
    const io = createSocketServer(httpServer, { publicUrl: config.publicUrl, presence: () => presence!, adapter: bus.adapter });
    presence = new Presence(io, log);
    const changeListeners: (() => void)[] = [];
    const listener = await bus.start(io, presence, () => {
      for (const changed of changeListeners) changed();
    });
    const worker = jobs ? await startJobWorker(config.databaseUrl!, log) : null;
    return {
      io,
      onContentChange(changed) {
        changeListeners.push(changed);
      },
      async close() {
        await worker?.stop();
        presence?.stop();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await listener.stop().catch(() => {});
      },
    };
  },
  async closeDatabase() {
    await sql.end({ timeout: 3 });
  },
};
