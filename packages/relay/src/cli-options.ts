/**
 * Which options each command takes. An option a command does not take is refused (exit 64)
 * rather than ignored: `outbox retry --all --target x` that quietly retried every target was
 * worse than an error.
 */
const TAKES: Record<string, readonly string[]> = {
  serve: ['config', 'help'],
  'outbox list': ['config', 'json', 'target', 'help'],
  'outbox retry': ['config', 'all', 'target', 'help'],
  'outbox move': ['config', 'from', 'to', 'help'],
  'outbox close': ['config', 'target', 'help'],
  report: ['config', 'quarter', 'from', 'to', 'csv', 'excel', 'json', 'lang', 'help'],
  'person show': ['config', 'help'],
  'person erase': ['config', 'help'],
};

/** The command the positionals name (`serve` for none), as a key of the table above. */
function commandOf(positionals: readonly string[]): string {
  if (positionals.length === 0) return 'serve';
  const first = positionals[0]!;
  return first === 'outbox' || first === 'person' ? `${first} ${positionals[1] ?? ''}` : first;
}

/**
 * The first option given that the command does not take, as a sentence for stderr, or
 * undefined. Unknown commands are left to the usage check.
 */
export function unexpectedOption(
  positionals: readonly string[],
  given: readonly string[],
): string | undefined {
  const command = commandOf(positionals);
  const takes = TAKES[command];
  const wrong = takes && given.find((name) => !takes.includes(name));
  if (wrong === undefined) return undefined;
  const name = command === 'serve' ? 'synpunkt-relay' : `synpunkt-relay ${command}`;
  return `${name} does not take --${wrong}.`;
}

/** The options `commandProblem` looks at. */
interface ShapeOptions {
  all: boolean;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * What is wrong with the command's words, as a sentence for stderr, or undefined when they fit
 * one of the usages. Checked before the configuration is read or the store opened, so a typing
 * mistake is told as one, not as the usage alone after a line about the store.
 */
export function commandProblem(
  positionals: readonly string[],
  options: ShapeOptions,
): string | undefined {
  const [first, command, ...rest] = positionals;
  if (first === undefined) return undefined;
  if (first === 'report') {
    return command === undefined ? undefined : `synpunkt-relay report takes no "${command}".`;
  }
  if (first === 'person') return personProblem(command, rest);
  if (first !== 'outbox') {
    return `synpunkt-relay: there is no command "${first}" (the commands are outbox, report and person; without one, the relay runs).`;
  }
  const name = `synpunkt-relay outbox ${command ?? ''}`.trimEnd();
  switch (command) {
    case undefined:
      return `${name}: give a command: list, retry, move or close.`;
    case 'list':
      return rest.length > 0 ? `${name} takes no "${rest[0]}".` : undefined;
    case 'retry':
      if (options.all)
        return rest.length > 0 ? `${name}: give an id or --all, not both.` : undefined;
      return rest.length === 1
        ? undefined
        : `${name}: give one submission id or reference, or --all.`;
    case 'move':
      if (rest.length > 0) return `${name} takes no "${rest[0]}": give --from and --to.`;
      return options.from !== undefined && options.to !== undefined
        ? undefined
        : `${name}: give --from <old target> and --to <new target>.`;
    case 'close':
      return rest.length === 1 ? undefined : `${name}: give one submission id or reference.`;
    default:
      return `synpunkt-relay outbox: there is no command "${command}" (the commands are list, retry, move and close).`;
  }
}

/** What is wrong with the words of `person show|erase <who>`, or undefined. */
function personProblem(command: string | undefined, rest: readonly string[]): string | undefined {
  if (command !== 'show' && command !== 'erase') {
    const what = command === undefined ? 'give a command' : `there is no command "${command}"`;
    return `synpunkt-relay person: ${what} (the commands are show and erase).`;
  }
  return rest.length === 1
    ? undefined
    : `synpunkt-relay person ${command}: give one e-mail address, phone number or reference.`;
}
