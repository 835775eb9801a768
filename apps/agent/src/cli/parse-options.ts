import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';

/** A bad command line; the message names the option. */
export class UsageError extends Error {}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses one command's options with node:util parseArgs, then validates them with `schema`
 * (whose keys are the option names). Returns 'help' for --help/-h.
 */
export function parseOptions<Schema extends z.ZodType>(
  args: string[],
  options: OptionSpec,
  schema: Schema,
): z.output<Schema> | 'help' {
  const parsed = parseCommandLine(args, options, schema, false);
  return parsed === 'help' ? 'help' : parsed.options;
}

/** parseOptions for commands that also take operands (`roots add DIR…`): returns them in order. */
export function parseCommandLine<Schema extends z.ZodType>(
  args: string[],
  options: OptionSpec,
  schema: Schema,
  allowPositionals = true,
): { options: z.output<Schema>; positionals: string[] } | 'help' {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    }));
  } catch (error) {
    throw new UsageError(firstSentence(error instanceof Error ? error.message : String(error)));
  }
  if (values.help) return 'help';
  const parsed = schema.safeParse(values);
  if (parsed.success) return { options: parsed.data, positionals };
  const messages = parsed.error.issues.map((issue) => {
    const option = issue.path[0];
    return typeof option === 'string' ? `--${option}: ${issue.message}` : issue.message;
  });
  throw new UsageError([...new Set(messages)].join('\n'));
}

function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end < 0 ? message : message.slice(0, end + 1);
}
