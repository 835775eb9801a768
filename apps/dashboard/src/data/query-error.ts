import { errorMessage } from '../api/api-error.ts';

/** A query's error as the words a page shows, or null. */
export function queryError(error: Error | null): string | null {
  return error ? errorMessage(error) : null;
}
