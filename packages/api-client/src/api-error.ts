import { ErrorBodySchema, type ErrorCode } from '@tcpa/contracts';

export type ApiErrorCode = ErrorCode | 'unreachable' | 'bad_response';

/** A failed call to the platform API, kept as the API worded it (`code`, `message`, `details`). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** 0 when no answer came. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The server's `{error: {code, message, details}}`, or, from a proxy or a crash page, the status alone. */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(response.status, 'bad_response', `The platform answered HTTP ${response.status}`);
}
