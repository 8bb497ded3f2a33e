/** Module boundaries (STYLE.md points 1, 2 and 10), checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment: "A server module may import platform/ and another module's index.ts, never its internals.",
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+)/' },
      to: {
        path: '^apps/server/src/modules/[^/]+/.+',
        pathNot: ['^apps/server/src/modules/$1/', '^apps/server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'platform-independent-of-modules',
      comment: 'platform/ is below the modules: it must not reach up into them (tests may).',
      severity: 'error',
      from: { path: '^apps/server/src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/server/src/modules/' },
    },
    {
      name: 'packages-independent-of-apps',
      comment: 'packages/* are shared and pure: they import nothing from apps/*.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-packages',
      comment: 'consensus and selection import no other workspace package.',
      severity: 'error',
      from: { path: '^packages/(consensus|selection)/' },
      to: { path: '^packages/(?!consensus|selection)' },
    },
    {
      name: 'web-independent-of-server',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
