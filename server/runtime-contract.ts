/**
 * What the HTTP server (server/app.ts) needs from the app: everything that opens database connections or
 * holds caches lives on this side, and the production server gets it from the Remix build
 * (`build.entry.module.runtime`), so each process has one instance of every domain module — one pool, one
 * session store, one cache (decision 008). Types only: server/app.ts imports nothing of the app at run time.
 */
import type { Server as HttpServer } from 'node:http';
import type { Settings } from '#app/env.server';
import type { IoServer } from './socket/types';

export interface Realtime {
  io: IoServer;
  /** Called for every committed change the message bus brings, and when the bus was away (anything may have changed). */
  onContentChange(listener: () => void): void;
  close(): Promise<void>;
}

export interface ServerRuntime {
  settings(): Settings;
  /** Socket.IO on the HTTP server, the LISTEN bridge, presence, and (unless `jobs: false`) the job worker. */
  attach(httpServer: HttpServer, options: { log: (line: string) => void; jobs?: boolean }): Promise<Realtime>;
  databaseIsUp(): Promise<boolean>;
  closeDatabase(): Promise<void>;
}
