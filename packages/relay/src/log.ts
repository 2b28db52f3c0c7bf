import type { Writable } from 'node:stream';

/**
 * What a log line may carry: ids, codes, counts, durations. Only scalars, and the relay's
 * code never puts message text, names, contact details or IP addresses in one.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes structured JSON lines. */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** A logger writing one JSON object per line to `stream` (stdout by default). */
export function createLogger(stream: Writable = process.stdout): Logger {
  const write = (level: string, event: string, fields: LogFields = {}) => {
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`,
    );
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * An error as a log code: its name and, for adapter errors, reason and status. Never the
 * message, which may quote the submission (a refused address, a field value).
 */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { name, reason, status, code } = error as Record<string, unknown>;
  const parts = [typeof name === 'string' ? name : 'Error'];
  // A system or SQLite error's code says what happened (`SQLITE_FULL`, `ECONNREFUSED`).
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) parts.push(code);
  if (typeof reason === 'string') parts.push(reason);
  if (typeof status === 'string' || typeof status === 'number') parts.push(String(status));
  return parts
    .join(':')
    .replace(/[^A-Za-z0-9_.:-]/g, '_')
    .slice(0, 80);
}
