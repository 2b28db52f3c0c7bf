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
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(configuration)';
    return `${field}: ${issue.message}`;
  });
  throw new TypeError(`${factory}: ${problems.join('; ')}`);
}
