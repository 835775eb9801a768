import { ErrorBodySchema } from '@tcpa/contracts';

export type ApiErrorCode = string;

/** Every failed request becomes one of these, with a message meant for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK_BY_STATUS: Record<number, string> = {
  401: 'Your session has ended: sign in again.',
  403: 'You do not have permission to do that; ask an owner or admin of your company.',
  404: 'Not found: it may have been deleted.',
  402: 'Your plan does not include this: see Plan & usage.',
  413: 'That is too large to send.',
  429: 'Too many attempts: wait a little and try again.',
};

/** Maps a response that is not OK to an ApiError, using the server's `{error:{message}}` when it sent one. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  const fallback =
    FALLBACK_BY_STATUS[response.status] ??
    (response.status >= 500
      ? `The server had a problem (${response.status}); try again in a moment.`
      : `The request failed (${response.status}).`);
  return new ApiError(response.status, 'http_error', fallback);
}

export const offlineError = () =>
  new ApiError(0, 'network', 'Cannot reach the server: check your connection; we will keep trying.');

export const unexpectedResponseError = (path: string) =>
  new ApiError(
    0,
    'bad_response',
    `The server sent an answer this dashboard does not understand (${path}); reload the page.`,
  );

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
