// An esbuild plugin for the self-hosted single file: takes the source indentation out of Lit's
// html`…` templates. esbuild minifies JavaScript but leaves template text as written, so every
// line of markup reached the browser with its leading spaces.
//
// The only change is to whitespace that holds a line break: the spaces and tabs around it go,
// the line breaks stay. In the page that is the same text: in normal flow, `nowrap` and
// `pre-line` (the review's values), spaces and tabs next to a line break collapse away anyway,
// and a line break between two inline elements still counts as one space. Line breaks are never
// removed, so two words or elements that were apart stay apart, and the source map's lines stay
// where they were. Left exactly as written: quoted attribute values, the content of <pre>,
// <textarea>, <script>, <style>, <title>, <xmp> and <listing>, whitespace after a backslash (a
// line continuation) and every run without a line break (`</span> <span>` keeps its space).
// HTML comments that lie between two bindings' text are dropped; one with a binding inside is
// kept. Lit's bindings (`${…}`) are not touched: only the text between them changes.
// The npm entry points (tsc's output) keep the templates as written.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/** Elements whose content is text the parser keeps as written (whitespace and all). */
const RAW = new Set(['pre', 'textarea', 'script', 'style', 'title', 'xmp', 'listing']);
const SPACE = /[ \t\n\f\r]/;

/**
 * The raw text of one html`…` template's parts (the text between its bindings), with the
 * indentation taken out.
 * @param {readonly string[]} parts
 * @returns {string[]}
 */
export function minifyHtmlParts(parts) {
  /** @type {'text' | 'tag' | 'quoted' | 'comment' | 'raw'} */
  let state = 'text';
  let quote = '';
  let rawEnd = '';
  return parts.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i];
      if (state === 'quoted') {
        out += c;
        i += 1;
        if (c === quote) state = 'tag';
      } else if (state === 'comment') {
        // A comment with a binding inside, kept as it is.
        const end = part.indexOf('-->', i);
        const stop = end === -1 ? part.length : end + 3;
        out += part.slice(i, stop);
        i = stop;
        if (end !== -1) state = 'text';
      } else if (state === 'raw') {
        const end = part.toLowerCase().indexOf(rawEnd, i);
        const stop = end === -1 ? part.length : end;
        out += part.slice(i, stop);
        i = stop;
        if (end !== -1) state = 'text';
      } else if (SPACE.test(c)) {
        let j = i;
        while (j < part.length && SPACE.test(part[j])) j += 1;
        const run = part.slice(i, j);
        const continuation = i > 0 && part[i - 1] === '\\';
        out += run.includes('\n') && !continuation ? run.replace(/[^\n]/g, '') : run;
        i = j;
      } else if (state === 'tag') {
        out += c;
        i += 1;
        if (c === '"' || c === "'") {
          state = 'quoted';
          quote = c;
        } else if (c === '>') {
          state = rawEnd ? 'raw' : 'text';
        }
      } else if (part.startsWith('<!--', i)) {
        const end = part.indexOf('-->', i + 4);
        if (end === -1) {
          out += part.slice(i);
          i = part.length;
          state = 'comment';
        } else {
          i = end + 3;
        }
      } else if (c === '<' && /^<\/?[a-zA-Z]/.test(part.slice(i, i + 3))) {
        const [tag, slash, name] = /^<(\/?)([a-zA-Z][^ \t\n\f\r/>]*)/.exec(part.slice(i)) ?? [];
        out += tag;
        i += tag.length;
        state = 'tag';
        rawEnd = !slash && RAW.has(name.toLowerCase()) ? `</${name.toLowerCase()}` : '';
      } else {
        out += c;
        i += 1;
      }
    }
    return out;
  });
}

/**
 * A TypeScript module with its html`…` templates minified. Only the templates' text changes;
 * everything else, line breaks included, stays where it was.
 * @param {string} source
 * @param {string} path
 */
export function minifyLitHtml(source, path = 'source.ts') {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  /** @type {{ start: number; end: number; text: string }[]} */
  const edits = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      node.tag.text === 'html'
    ) {
      const { template } = node;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      // Each literal's text lies between its opening (` or }) and its closing (${ or `).
      const ranges = literals.map((literal) => {
        const start = literal.getStart(file) + 1;
        const closing = ts.isTemplateHead(literal) || ts.isTemplateMiddle(literal) ? 2 : 1;
        const end = literal.getEnd() - closing;
        if (source.slice(start, end) !== literal.rawText) {
          throw new Error(`${path}: could not find the text of an html\`…\` template`);
        }
        return { start, end };
      });
      const parts = minifyHtmlParts(ranges.map(({ start, end }) => source.slice(start, end)));
      ranges.forEach(({ start, end }, index) => edits.push({ start, end, text: parts[index] }));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  edits.sort((a, b) => a.start - b.start);
  let output = '';
  let last = 0;
  for (const { start, end, text } of edits) {
    output += source.slice(last, start) + text;
    last = end;
  }
  return output + source.slice(last);
}

/** @returns {import('esbuild').Plugin} */
export function minifyLitHtmlPlugin() {
  return {
    name: 'minify-lit-html',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (/[\\/]node_modules[\\/]/.test(path)) return undefined;
        const source = await readFile(path, 'utf8');
        if (!source.includes('html`')) return undefined;
        return { contents: minifyLitHtml(source, path), loader: 'ts' };
      });
    },
  };
}
