import { ApiError } from '@tcpa/api-client';

/**
 * The server's words about one field of a refused form, or null: a checked value names it in
 * `details.field` (a URL refused as private, "url: …"), a body the schema refused lists issues by path.
 */
export function fieldErrorOf(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || (error.code !== 'validation_failed' && error.code !== 'conflict')) return null;
  const details: unknown = error.details;
  if (details && typeof details === 'object' && 'field' in details && details.field === field) {
    return error.message.replace(new RegExp(`^${field}: `), '');
  }
  if (!Array.isArray(details)) return null;
  for (const issue of details) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path === 'string' && typeof message === 'string' && (path === field || path.startsWith(`${field}.`)))
      return message;
  }
  return null;
}

/** True for a refusal about the plan (402 `plan_limit`): its message names the plan that allows it. */
export function isPlanLimit(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'plan_limit';
}
