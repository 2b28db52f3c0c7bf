// The custom elements manifest (custom-elements.json at the package root), generated from the
// source by `pnpm run analyze` (part of `pnpm build`). Editors' tools and the README's reference
// table read it. It is committed; test/node/manifest.test.ts checks that it is fresh.
// Attributes and properties come from Lit's @property decorators; events, parts, CSS custom
// properties and slots from JSDoc tags on the class (@fires, @csspart, @cssprop, @slot).

/** @type {import('@custom-elements-manifest/analyzer').Config} */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  // package.json already names the manifest ("customElements"); do not rewrite it on every build.
  packagejson: false,
  plugins: [
    {
      // The analyzer reads files in glob order, which is not fixed: sort, so each build of the
      // same source writes the same file.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
