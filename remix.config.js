/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // Server-only packages stay external so the bundle uses the same node_modules as server/.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // Off: with it, every page render matches the route tree once per parent path to build a partial manifest
    // (a tenth of a page's server CPU); the full manifest is one cached file instead.
    v3_lazyRouteDiscovery: false,
  },
};
