/** A database error with its SQLSTATE, whichever engine raised it. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly detail: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export function toDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseError) return error;
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
    const { code, detail, constraint } = error as Error & {
      code: string;
      detail?: string;
      constraint?: string;
    };
    if (/^[0-9A-Z]{5}$/.test(code)) return new DatabaseError(error.message, code, detail, constraint);
  }
  return error;
}
