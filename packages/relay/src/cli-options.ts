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
  report: ['config', 'quarter', 'from', 'to', 'csv', 'excel', 'json', 'help'],
};

/** The command the positionals name (`serve` for none), as a key of the table above. */
function commandOf(positionals: readonly string[]): string {
  if (positionals.length === 0) return 'serve';
  return positionals[0] === 'outbox' ? `outbox ${positionals[1] ?? ''}` : positionals[0]!;
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
