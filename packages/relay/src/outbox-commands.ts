import { openCommandStore } from './command-store.js';
import { loadConfig } from './config.js';
import { EXIT_TEMPFAIL, EXIT_USAGE } from './exit-codes.js';
import { lockStoreNow } from './store-lock.js';
import type { OutboxEntry, Store } from './store.js';

/** What `synpunkt-relay outbox …` was given. */
export interface OutboxArgs {
  /** `list`, `retry`, `move` or `close`, and for `retry` and `close` the id or reference. */
  positionals: readonly string[];
  configPath: string;
  all: boolean;
  json: boolean;
  from: string | undefined;
  to: string | undefined;
  /** For `list`, `retry` and `close`: only the deliveries to this target. */
  target: string | undefined;
}

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function formatEntries(entries: readonly OutboxEntry[]): string {
  if (entries.length === 0) return 'The outbox is empty: every submission is delivered.\n';
  const header = [
    'reference',
    'submission id',
    'target',
    'status',
    'attempts',
    'next attempt',
    'last error',
  ];
  const rows = entries.map((e) => [
    e.reference,
    e.submissionId,
    e.target,
    e.status,
    String(e.attempts),
    e.status === 'pending' ? e.nextAttemptAt : '-',
    e.lastError ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** "1 delivery", "2 deliveries", with `kind` before the noun ("1 dead delivery"). */
function deliveries(count: number, kind?: string): string {
  return `${count} ${kind === undefined ? '' : `${kind} `}${count === 1 ? 'delivery' : 'deliveries'}`;
}

/** Why `what` (`count` deliveries) to `target` were not retried, and what to do instead. */
function notConfigured(count: number, what: string, target: string, configPath: string): string {
  const [are, them] = count === 1 ? ['it is', 'it'] : ['they are', 'them'];
  return (
    `${what} to target "${target}" left as ${are}: "${target}" is not in the configuration, ` +
    `so no relay would send ${them}. Hand ${them} to a configured target with: ` +
    `synpunkt-relay outbox move --from ${target} --to <target> --config ${configPath}`
  );
}

/**
 * Runs `synpunkt-relay outbox list|retry|move|close`; returns the exit code (`EXIT_USAGE` when the
 * arguments fit no command: the caller prints the usage).
 */
export function runOutboxCommand(args: OutboxArgs): number {
  const { configPath, json } = args;
  const config = loadConfig(configPath);
  const configured = config.targets.map((t) => t.name);
  const store = openCommandStore(config);
  try {
    // Which store was read, so a wrong one shows (on stderr with --json, to keep stdout JSON).
    (json ? err : out)(`Store: ${config.storePath}`);
    const [command, id] = args.positionals;
    // A --target that is neither configured nor in the store is a typing mistake: say so, rather
    // than "nothing to do" or advice to move deliveries that do not exist. (With an id, the
    // command names the submission's own targets instead.)
    const known = args.target === undefined || configured.includes(args.target);
    if (!known && id === undefined && !store.list().some((e) => e.target === args.target)) {
      err(
        `--target: "${args.target}" is not a target in the configuration ${configPath} ` +
          `(its targets: ${configured.join(', ')}), and the outbox holds nothing for it.`,
      );
      return EXIT_USAGE;
    }
    if (command === 'list') {
      const target = args.target;
      const entries = store.list().filter((e) => target === undefined || e.target === target);
      if (!json && entries.length === 0 && target !== undefined) {
        out(`No pending, dead, quarantined or closed deliveries to target "${target}".`);
        return 0;
      }
      process.stdout.write(json ? `${JSON.stringify(entries, null, 2)}\n` : formatEntries(entries));
      return 0;
    }
    if (command === 'retry' && args.all && args.target !== undefined) {
      if (!configured.includes(args.target)) {
        const dead = store.unknownTargets(configured).find((u) => u.target === args.target)?.dead;
        err(notConfigured(dead ?? 0, deliveries(dead ?? 0, 'dead'), args.target, configPath));
        return 1;
      }
      const n = store.retryAllDead(Date.now(), [args.target]);
      if (n === 0) {
        err(`No dead deliveries to target "${args.target}" to retry.`);
        return 1;
      }
      out(`${deliveries(n, 'dead')} to target "${args.target}" will be tried again.`);
      return 0;
    }
    if (command === 'retry' && args.all) {
      const n = store.retryAllDead(Date.now(), configured);
      if (n > 0) out(`${deliveries(n, 'dead')} will be tried again.`);
      const left = store.unknownTargets(configured).filter((unknown) => unknown.dead > 0);
      for (const unknown of left) {
        out(
          notConfigured(unknown.dead, deliveries(unknown.dead, 'dead'), unknown.target, configPath),
        );
      }
      // Nothing retried is exit code 1, as for one submission: a script sees it.
      if (n === 0 && left.length === 0) err('No dead deliveries to retry.');
      return n > 0 ? 0 : 1;
    }
    if (command === 'retry' && id !== undefined && args.target !== undefined) {
      return retryTarget(store, id, args.target, configured, configPath);
    }
    if (command === 'retry' && id !== undefined) {
      const submissionId = store.submissionId(id);
      const left = submissionId === undefined ? [] : store.unknownTargets(configured, submissionId);
      const n = store.retry(id, Date.now(), configured);
      for (const unknown of left) {
        const count = unknown.pending + unknown.dead + unknown.quarantined;
        out(notConfigured(count, `${deliveries(count)} of ${id}`, unknown.target, configPath));
      }
      if (n === 0) {
        if (left.length === 0) err(`No submission ${id} with deliveries to retry.`);
        return 1;
      }
      out(`${deliveries(n)} of ${id} will be tried (again).`);
      return 0;
    }
    if (command === 'move' && id === undefined) {
      // Not beside a serving relay: it may be sending to the old target right now, and that
      // attempt would then be recorded nowhere and made again under the new name.
      const lock = lockStoreNow(config.storePath);
      if (!lock) {
        err(
          `A relay is running on this store (storePath: ${config.storePath}). Stop it, run move, ` +
            'then start it with the new configuration.',
        );
        return EXIT_TEMPFAIL;
      }
      try {
        return move(store, configured, args);
      } finally {
        lock.release();
      }
    }
    if (command === 'close' && id !== undefined && args.positionals.length === 2) {
      return close(store, id, args.target, config.retentionDays);
    }
    return EXIT_USAGE;
  } finally {
    store.close();
  }
}

/** `outbox move --from <old> --to <new>`: hands a removed target's deliveries to another. */
function move(store: Store, configured: readonly string[], args: OutboxArgs): number {
  const { from, to, configPath } = args;
  if (from === undefined || to === undefined) return EXIT_USAGE;
  if (!configured.includes(to)) {
    err(
      `--to: "${to}" is not a target in the configuration ${configPath} (its targets: ${configured.join(', ')}).`,
    );
    return EXIT_USAGE;
  }
  if (configured.includes(from)) {
    err(
      `--from: "${from}" is still a target in the configuration ${configPath}: move hands on the deliveries of a target that was removed or renamed. Take it out of the configuration first.`,
    );
    return EXIT_USAGE;
  }
  const { moved, skipped } = store.moveTarget(from, to);
  if (moved === 0 && skipped.length === 0) {
    err(`No pending, dead or quarantined deliveries to target "${from}" in the store.`);
    return 1;
  }
  out(
    `${deliveries(moved)} moved from "${from}" to "${to}", to be tried from the first attempt (quarantined ones stay quarantined) once the relay is started with the new configuration.`,
  );
  if (skipped.length > 0) {
    out(
      `${skipped.length} left on "${from}": the submission already has a delivery to "${to}": ${skipped.join(', ')}. ` +
        `Close those with: synpunkt-relay outbox close <reference> --target ${from} --config ${configPath}`,
    );
  }
  return 0;
}

/** `outbox retry <id> --target <name>`: reopens that one delivery, and no other. */
function retryTarget(
  store: Store,
  id: string,
  target: string,
  configured: readonly string[],
  configPath: string,
): number {
  const result = store.retryDelivery(id, target, configured);
  const delivery = `The delivery of ${id} to target "${target}"`;
  switch (result.outcome) {
    case 'retried':
      out(
        `${delivery} will be tried (again), from the first attempt. Its other deliveries are left as they are.`,
      );
      return 0;
    case 'not-found':
    case 'no-delivery':
      err(noSuchDelivery(id, target, result));
      return 1;
    case 'delivered':
      err(`${delivery} is delivered: there is nothing to retry.`);
      return 1;
    case 'held-back':
      err(
        `${delivery} is held back as possible spam, and so are its deliveries to ${result.targets.map((t) => `"${t}"`).join(', ')}: ` +
          `a quarantine is released for the whole submission. Look at it, then release it with: synpunkt-relay outbox retry ${id} --config ${configPath}`,
      );
      return 1;
    case 'not-configured':
      err(
        `${delivery} is left as it is: "${target}" is not in the configuration, so no relay would send it. ` +
          `Hand it to a configured target with: synpunkt-relay outbox move --from ${target} --to <target> --config ${configPath}`,
      );
      return 1;
  }
}

/** Why `retry` or `close` found nothing to act on: no such submission, or no such delivery. */
function noSuchDelivery(
  id: string,
  target: string | undefined,
  result: { outcome: 'not-found' } | { outcome: 'no-delivery'; targets: string[] },
): string {
  if (result.outcome === 'not-found') return `No submission ${id} in the store.`;
  return `Submission ${id} has no delivery to target "${target}" (its targets: ${result.targets.join(', ') || 'none left'}).`;
}

/** `outbox close <id> [--target <name>]`: marks deliveries as handled by hand. */
function close(
  store: Store,
  id: string,
  target: string | undefined,
  retentionDays: number,
): number {
  const result = store.closeDeliveries(id, target);
  const delivery = target === undefined ? `${id}` : `${id} to target "${target}"`;
  switch (result.outcome) {
    case 'closed':
      out(
        `Closed ${deliveries(result.targets.length)} of ${id} (${result.targets.map((t) => `"${t}"`).join(', ')}) as handled by hand: ` +
          `${result.targets.length === 1 ? 'it is' : 'they are'} not tried again. Once every delivery of it is delivered or closed, its content is removed after retentionDays (${retentionDays}).`,
      );
      return 0;
    case 'already-closed':
      out(`The delivery of ${delivery} was closed before.`);
      return 0;
    case 'not-found':
    case 'no-delivery':
      err(noSuchDelivery(id, target, result));
      return 1;
    case 'delivered':
      err(`The delivery of ${delivery} is delivered: there is nothing to close.`);
      return 1;
    case 'nothing-open':
      err(`Every delivery of ${id} is delivered or closed already: there is nothing to close.`);
      return 1;
    case 'still-pending':
      err(
        `${id} has no dead or quarantined delivery to close; ${result.targets.map((t) => `"${t}"`).join(', ')} ` +
          'is still being tried. To close one anyway (it was handled by hand), name it with --target.',
      );
      return 1;
  }
}
