import { ApiError } from '@tcpa/api-client';

const FALLBACK_BY_STATUS: Record<number, string> = {
  401: 'Your session has ended: sign in again.',
  403: 'You do not have permission to do that; ask an owner or admin of your company.',
  404: 'Not found: it may have been deleted.',
  402: 'Your plan does not include this: see Plan & usage.',
  413: 'That is too large to send.',
  429: 'Too many attempts: wait a little and try again.',
};

export const offlineError = () =>
  new ApiError(0, 'unreachable', 'Cannot reach the server: check your connection; we will keep trying.');

/**
 * What to show a person for a failure: the server's own words when it sent them; for an answer
 * without them (a proxy's error page), words chosen by the status.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof ApiError) {
    if (error.code !== 'bad_response' || error.status === 0) return error.message;
    return (
      FALLBACK_BY_STATUS[error.status] ??
      (error.status >= 500
        ? `The server had a problem (${error.status}); try again in a moment.`
        : `The request failed (${error.status}).`)
    );
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
