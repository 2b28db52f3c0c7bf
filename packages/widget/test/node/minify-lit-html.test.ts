import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyHtmlParts, minifyLitHtml } from '../../scripts/minify-lit-html.mjs';

// The self-hosted file's html`…` templates lose their source indentation, and nothing a person
// could see or hear: see scripts/minify-lit-html.mjs.

describe('minifying the html templates of the self-hosted file', () => {
  it('takes out the indentation around line breaks and keeps the line breaks', () => {
    assert.deepEqual(minifyHtmlParts(['<div>\n      <p>\n        Hej\n      </p>\n    </div>']), [
      '<div>\n<p>\nHej\n</p>\n</div>',
    ]);
    // Inside a tag, between attributes, the same.
    assert.deepEqual(minifyHtmlParts(['<input\n  id="a"\n  required\n/>']), [
      '<input\nid="a"\nrequired\n/>',
    ]);
  });

  it('keeps a space that is not next to a line break', () => {
    const parts = ['<span>a</span> <span>b</span>  c\t<b>d</b>'];
    assert.deepEqual(minifyHtmlParts(parts), parts);
  });

  it('never joins what a line break kept apart', () => {
    assert.deepEqual(minifyHtmlParts(['</span>\n    <span>', '\n  </label>\n\n  <input>']), [
      '</span>\n<span>',
      '\n</label>\n\n<input>',
    ]);
  });

  it('leaves the text between bindings in place, one part for each', () => {
    // html`<p class="count ${x}">\n  ${a}${b}\n</p>` and an attribute binding on its own line.
    assert.deepEqual(
      minifyHtmlParts([
        '<p class="count ',
        '">\n    ',
        '',
        '\n  </p>\n  <input\n    .value=',
        '\n  >',
      ]),
      ['<p class="count ', '">\n', '', '\n</p>\n<input\n.value=', '\n>'],
    );
  });

  it('leaves quoted attribute values as they are, even across a binding', () => {
    const parts = ['<a title="one\n     two" data-x=\'a\n  b ', " c\n   d'>x</a>"];
    assert.deepEqual(minifyHtmlParts(parts), parts);
  });

  it('leaves <pre>, <textarea>, <script> and <style> content as written', () => {
    const parts = [
      '<pre>\n  a\n    b\n</pre>\n  <textarea\n    rows="2"\n  >\n  x\n  ',
      '\n</textarea>\n  <style>\n  p { }\n</style>',
    ];
    assert.deepEqual(minifyHtmlParts(parts), [
      '<pre>\n  a\n    b\n</pre>\n<textarea\nrows="2"\n>\n  x\n  ',
      '\n</textarea>\n<style>\n  p { }\n</style>',
    ]);
  });

  it('drops a comment, but keeps one with a binding inside', () => {
    assert.deepEqual(minifyHtmlParts(['<p>a<!-- note -->b</p>']), ['<p>ab</p>']);
    const parts = ['<p><!-- ', ' -->\n  b</p>'];
    assert.deepEqual(minifyHtmlParts(parts), ['<p><!-- ', ' -->\nb</p>']);
  });

  it('keeps non-breaking spaces and a line continuation', () => {
    const parts = ['<p>\u00a0\n\u00a0a\\\n   b</p>'];
    assert.deepEqual(minifyHtmlParts(parts), parts);
  });

  it('changes only html`…` templates in a module, and no line moves', () => {
    const source = [
      "import { css, html } from 'lit';",
      'const s = `\n  plain\n`;',
      'const c = css`\n  p { color: red; }\n`;',
      'export const t = (x: string, y: boolean) => html`<div>',
      '    <span class="a ${x}">${x}</span>',
      "    ${y ? html`<b>\n      ${x}\n    </b>` : ''}",
      '  </div>`;',
    ].join('\n');
    const output = minifyLitHtml(source);
    assert.equal(
      output,
      [
        "import { css, html } from 'lit';",
        'const s = `\n  plain\n`;',
        'const c = css`\n  p { color: red; }\n`;',
        'export const t = (x: string, y: boolean) => html`<div>',
        '<span class="a ${x}">${x}</span>',
        "${y ? html`<b>\n${x}\n</b>` : ''}",
        '</div>`;',
      ].join('\n'),
    );
  });
});
