import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from './app-error.ts';

type Where = 'path' | 'query' | 'body';

function describeIssues(issues: z.core.$ZodIssue[], where: Where): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}${field ? ` in ${field}` : ''}`;
    }
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `Invalid ${where === 'path' ? 'URL' : where}: ${parts.join('; ')}${more}`;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: Where): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    'validation_failed',
    describeIssues(result.error.issues, where),
    result.error.issues.map((issue) => ({
      in: where,
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}

export async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json"');
  }
  const text = await c.req.text();
  if (text.trim() === '') throw new AppError('bad_request', 'The request body is empty: send a JSON object');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('bad_request', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
