/**
 * The layering rules `npm test` checks (scripts/test.mjs, "Architecture check"):
 * - no import cycles anywhere (type-only imports included: a cycle of types is a knot of concepts too);
 * - code that may run in the browser never imports a *.server module (route modules excepted: Remix strips
 *   their loaders and actions, and what only those use, from the browser bundle);
 * - the app process's HTTP server (server/app.ts, serve.ts) reaches the app's runtime only through the
 *   Remix build, so each process has one instance of every domain module (server/runtime-contract.ts);
 * - the domain layer imports neither Remix, React, Socket.IO nor the web layer.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'browser-code-imports-no-server-module',
      comment: 'Components, hooks, editor and shared domain modules are bundled for the browser.',
      severity: 'error',
      from: { path: '^app/', pathNot: ['\\.server\\.tsx?$', '^app/routes/', '^app/root\\.tsx$', '^app/entry\\.server\\.tsx$', '\\.test\\.tsx?$'] },
      to: { path: '\\.server\\.tsx?$' },
    },
    {
      name: 'http-server-uses-the-runtime-from-the-build',
      comment: 'server/app.ts and the process entries must not load a second copy of the app (a second pool).',
      severity: 'error',
      from: { path: '^server/(app|serve|runtime-contract)\\.ts$|^server/http/' },
      to: { path: ['^app/', '^server/(runtime|socket|realtime|jobs)'], dependencyTypesNot: ['type-only'], pathNot: ['^app/env\\.server\\.ts$'] },
    },
    {
      name: 'domain-stays-framework-free',
      severity: 'error',
      from: { path: '^app/domain/' },
      to: { path: ['node_modules/(@remix-run|react|react-dom|socket\\.io)/', '^app/(web|routes|components|realtime)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['^build/', '^public/build/', '^node_modules/'] },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
