// The package boundaries of ../shared/docs/architecture.md §1, checked on every CI run
// (`pnpm check:deps`). Paths are relative to the repository root.
// Tests, fixtures and benchmarks may reach further than product code (e.g. start the sandbox).
const TEST_FILE = '(\\.test\\.tsx?|\\.spec\\.ts|\\.suite\\.ts)$|/fixtures/|(^|/)bench/'
const TOOL_CONFIG = '(^|/)[^/]+\\.config\\.ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'browser-packages-stay-off-the-server',
      comment:
        'The widget and the host SDK talk to the link server over HTTP only; contracts come from shared.',
      severity: 'error',
      from: { path: '^packages/(widget|client)/' },
      to: { path: '^packages/(link-server|sandbox)/' },
    },
    {
      name: 'shared-imports-only-zod',
      comment:
        'shared runs everywhere (browser, server, SDK): it may import zod and itself, nothing else.',
      severity: 'error',
      from: { path: '^packages/shared/', pathNot: [TEST_FILE, TOOL_CONFIG] },
      to: { pathNot: ['^packages/shared/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'link-server-never-imports-ui-or-sdk',
      severity: 'error',
      from: { path: '^packages/link-server/' },
      to: { path: '^(packages/(widget|client)|examples)/' },
    },
    {
      name: 'sandbox-is-reached-over-http',
      comment:
        'Only tests, scripts and benchmarks may start the sandbox in-process; product code calls its URL.',
      severity: 'error',
      from: { path: '^(packages|examples)/', pathNot: [TEST_FILE, '^packages/sandbox/'] },
      to: { path: '^packages/sandbox/' },
    },
    {
      name: 'sandbox-stands-alone',
      comment: 'The sandbox plays the directory: it knows nothing of JumpLink.',
      severity: 'error',
      from: { path: '^packages/sandbox/', pathNot: TEST_FILE },
      to: { path: '^(packages/(link-server|widget|client|shared)|examples)/' },
    },
    {
      name: 'example-uses-public-entries',
      comment:
        'The host app is what a customer would write: widget and client through their package entries only.',
      severity: 'error',
      from: { path: '^examples/' },
      to: { path: '^packages/(link-server|sandbox|shared)/' },
    },
    {
      name: 'no-relative-imports-across-packages',
      comment: 'Reach another package through its name and exports, never through ../../other/src.',
      severity: 'error',
      from: { path: '^(packages|examples)/([^/]+)/' },
      to: { dependencyTypes: ['local'], path: '^(packages|examples)/', pathNot: '^$1/$2/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // test/boundaries/fixtures holds deliberate violations, cruised only by the test that proves these rules bite.
    exclude: { path: '(^|/)(node_modules|dist|coverage)/|^test/boundaries/fixtures/' },
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'types', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
}
