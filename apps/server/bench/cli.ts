/** Command-line flags of the bench, validated with zod. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { z } from 'zod';

/** A mistake in how the bench was invoked: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: npm run bench:api -- [--seconds N] [--connections N]

Measures GET /api/v1/projects against a real PostgreSQL, with row-level security on and off.
  --seconds N       length of each measured run, 1-600 (default 10; a 3 s warm-up precedes each)
  --connections N   concurrent HTTP connections, 1-1024 (default 64)
  --help            show this text

Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
names a PostgreSQL server on which the bench may create and drop a database.`;

/** A whole number within [min, max], given as a string flag. */
export const Integer = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(min, { error: `${label} must be at least ${min}` })
    .max(max, { error: `${label} must be at most ${max}` });

const OptionsSchema = z.strictObject({
  seconds: Integer('--seconds', 1, 600).default(10),
  connections: Integer('--connections', 1, 1024).default(64),
  help: z.boolean().default(false),
});

export type CliOptions = z.infer<typeof OptionsSchema>;

/**
 * Parses `argv` with node's parseArgs (strict, no positionals), then validates the values with
 * `schema`. Mistakes become a UsageError carrying every problem and the usage text.
 */
export function parseFlags<Schema extends z.ZodType>(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: Schema,
  usage: string,
): z.infer<Schema> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.message}`).join('\n');
    throw new UsageError(`Invalid arguments:\n${problems}\n\n${usage}`);
  }
  return parsed.data;
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  return parseFlags(
    argv,
    { seconds: { type: 'string' }, connections: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    OptionsSchema,
    USAGE,
  );
}
