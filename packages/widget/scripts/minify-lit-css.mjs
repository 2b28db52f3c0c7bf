// An esbuild plugin for the self-hosted single file: minifies the CSS inside Lit's css`…`
// templates in `*.styles.ts`. esbuild minifies JavaScript but leaves template text as written,
// so the styles' comments and indentation would otherwise reach every citizen's browser.
// The npm entry points (tsc's output) keep the readable styles; consumers' bundlers decide there.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';

const CSS_TEMPLATE = /\bcss`([^`]*)`/g;

/**
 * The CSS a template's raw text stands for, as the browser gets it (`'\\2713'` in the source is
 * the CSS escape `'\2713'`).
 * @param {string} raw
 * @param {string} path
 */
function cooked(raw, path) {
  if (raw.includes('${')) {
    // An interpolation would have to be kept apart from the minified text; none is used today.
    throw new Error(`${path}: css\`…\` with \${…} cannot be minified; use a CSS custom property`);
  }
  // Our own source, at build time: let JavaScript read the template's escapes exactly.
  return new Function(`return \`${raw}\`;`)();
}

/** @param {string} css */
function asTemplateText(css) {
  return css.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** @returns {import('esbuild').Plugin} */
export function minifyLitCss() {
  return {
    name: 'minify-lit-css',
    setup(build) {
      build.onLoad({ filter: /\.styles\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        let output = '';
        let last = 0;
        for (const match of source.matchAll(CSS_TEMPLATE)) {
          const css = cooked(match[1], path);
          const { code } = await transform(css, { loader: 'css', minify: true });
          output += `${source.slice(last, match.index)}css\`${asTemplateText(code.trim())}\``;
          last = match.index + match[0].length;
        }
        return { contents: output + source.slice(last), loader: 'ts' };
      });
    },
  };
}
