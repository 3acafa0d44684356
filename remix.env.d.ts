/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import '@remix-run/node';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
  /** Facts about the request that only the HTTP server knows (server/app.ts). */
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    /** The request came over https (directly, or as a trusted proxy says). */
    https: boolean;
    /** Made on this machine, not forwarded by a proxy: the development mailbox answers only these. */
    directLocalRequest: boolean;
  }
}
