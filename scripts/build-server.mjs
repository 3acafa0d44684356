#!/usr/bin/env node
// The app process's own entry (server/serve.ts and the Express layer it imports) as plain JavaScript in
// build/serve.js, so production runs `node build/serve.js` without a TypeScript loader: tsx's loader thread and
// the sources it keeps cost a fresh process about 100 MB of memory (decision 021). Packages stay external;
// the app itself comes from the Remix build (build/index.js), so there is still one module graph.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/serve.ts'],
  outfile: 'build/serve.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
