const REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'symlink refused',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
};

/** A file's failure: the reason in words, and the file-system error code when there is one. */
export interface IoFailure {
  reason: string;
  code?: string;
}

export function ioFailure(error: unknown): IoFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return {
    reason: describeIoError(error),
    ...(typeof code === 'string' && /^E[A-Z0-9]{1,31}$/.test(code) ? { code } : {}),
  };
}

/** A reason a user can act on, from a file-system error (its code) or any other error. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
