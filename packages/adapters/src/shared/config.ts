import type * as z from 'zod/mini';

/**
 * Validates an adapter's configuration at creation, so a wrong one fails at start-up with a
 * message naming the field (`restAdapter: endpoint: must be an http or https URL`), not at the
 * first citizen's submission.
 */
export function parseConfig<T extends z.ZodMiniType>(
  factory: string,
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .flatMap((issue) => inner(issue, []))
    .map((issue) => {
      const field = issue.path.map(String).join('.') || '(configuration)';
      return `${field}: ${issue.message}`;
    });
  throw new TypeError(`${factory}: ${problems.join('; ')}`);
}

type Issue = z.core.$ZodIssue;

/** Whether an issue only says the value is not of this branch's kind at all. */
const notThisKind = (issue: Issue) =>
  issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');

/**
 * An issue with its full path. Of a value that fits none of a union's options (`false` or an
 * object of limits), the one option it is of the kind of says what is wrong inside it
 * (`attachments.types.0: must be one of …`), rather than the union's general sentence.
 */
function inner(issue: Issue, prefix: readonly PropertyKey[]): Issue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const near = issue.errors.filter((branch) => !branch.every(notThisKind));
    if (near.length === 1) return near[0]!.flatMap((nested) => inner(nested, path));
  }
  return [{ ...issue, path }];
}
