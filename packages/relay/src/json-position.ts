/**
 * Where a JSON text goes wrong, as line and column, for a message a person can act on. Node 20's
 * `JSON.parse` gives a character position at best ("in JSON at position 312") and none for an
 * unexpected token, so this walks the JSON grammar itself to find the first offending character.
 */

class Stop {
  constructor(readonly offset: number) {}
}

/** The offset of the first character that makes `text` invalid JSON (its length when it ends too soon); -1 when valid. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stop = (at = i): never => {
    throw new Stop(Math.min(at, text.length));
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const digits = () => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === start) stop();
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) stop();
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') stop();
      if (c === '\\') {
        i++;
        if (i < text.length && '"\\/bfnrt'.includes(text[i]!)) i++;
        else if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) stop(i + k);
          i += 5;
        } else stop();
      } else i++;
    }
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const word = (expected: string) => {
    for (const c of expected) {
      if (text[i] !== c) stop();
      i++;
    }
  };
  const list = (close: string, item: () => void) => {
    i++; // the opening bracket
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      space();
      item();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else stop();
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      list('}', () => {
        if (text[i] !== '"') stop();
        string();
        space();
        if (text[i] !== ':') stop();
        i++;
        value();
      });
    } else if (c === '[') list(']', value);
    else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else if (c === 't') word('true');
    else if (c === 'f') word('false');
    else if (c === 'n') word('null');
    else stop();
  };
  try {
    value();
    space();
    if (i < text.length) stop();
    return -1;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
}

/** Line and column (from 1) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Says where and why `text` is not JSON: `line 4, column 3: Expected ',' or '}' after property
 * value`, then that line (cut around the spot when long) with a caret under it. `error` is what
 * `JSON.parse` threw; its message gives the why, without its character position. `redact`
 * may blank parts of the text, keeping its length so that the caret still lines up; it gets the
 * whole text, not the line, since what it hides may have begun on a line before.
 */
export function describeJsonError(
  text: string,
  error: unknown,
  redact: (text: string) => string = (text) => text,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message
    .replace(/, .*is not valid JSON$/s, '')
    .replace(/( in JSON)? at position \d+.*$/s, '');
  let offset = jsonErrorOffset(text);
  if (offset < 0) offset = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
  const { line, column } = lineAndColumn(text, offset);
  const lineStart = offset - column + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const whole = redact(text)
    .slice(lineStart, lineEnd === -1 ? undefined : lineEnd)
    .replace(/\r$/, '');
  const from = Math.max(0, column - 1 - 60);
  const shown = `${from > 0 ? '…' : ''}${whole.slice(from, column - 1 + 20)}`;
  // Tabs stay tabs under the line, so the caret lines up however the terminal shows them.
  const pad = shown.slice(0, column - 1 - from + (from > 0 ? 1 : 0)).replace(/[^\t]/g, ' ');
  return `line ${line}, column ${column}: ${reason}\n    ${shown}\n    ${pad}^`;
}
