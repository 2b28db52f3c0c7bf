// The esbuild options of the self-hosted single file, shared by scripts/bundle.mjs (which writes
// it) and the bench (which rebuilds it without one dependency at a time to show what each adds).

import { minifyLitCss } from './minify-lit-css.mjs';
import { minifyLitHtmlPlugin } from './minify-lit-html.mjs';

/**
 * @param {string} root the widget package's directory
 * @param {string} entry
 * @param {string} outfile
 * @returns {import('esbuild').BuildOptions}
 */
export function bundleOptions(root, entry, outfile) {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser'],
    // The widget's tsconfig: experimentalDecorators, as tsc compiles it (Lit needs the same mode).
    tsconfig: 'tsconfig.json',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    plugins: [minifyLitCss(), minifyLitHtmlPlugin()],
  };
}
