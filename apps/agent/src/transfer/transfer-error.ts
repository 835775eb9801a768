import { describeIoError } from './io-error.ts';

/** A whole transfer that could not go on, with a code for programs and a reason for people. */
export class TransferError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SOURCE_ERRORS = new Set(['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR', 'ENAMETOOLONG']);

/**
 * A file-system error while listing or reading the sources (permission denied, a folder gone) is
 * the source's, and another attempt would meet it again; anything else is unknown and may pass.
 */
export function classifyError(error: unknown): TransferError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && SOURCE_ERRORS.has(code)) {
    return new TransferError('source_unreadable', `cannot read the source: ${describeIoError(error)}`);
  }
  return new TransferError('transfer_failed', String(error));
}

/** Per-file failures that may pass on a later attempt (space, handles, a busy disk); others will not. */
const PASSING_FILE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EMFILE', 'ENFILE', 'EIO', 'EBUSY', 'EAGAIN', 'ETIMEDOUT']);

/**
 * Whether a file's failure may pass on another attempt: one with no reason (the transfer broke off
 * around it), or a file-system error the destination named by its code that comes and goes.
 */
export function isPassingFileError(file: { reason?: string; code?: string }): boolean {
  return file.reason === undefined || (file.code !== undefined && PASSING_FILE_ERRORS.has(file.code));
}
