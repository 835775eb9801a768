import type { TransferFileResult } from '@tcpa/contracts';
import { describeIoError } from '../transfer/io-error.ts';
import { isPassingFileError } from '../transfer/transfer-error.ts';
import { CloudHttpError } from './cloud-http.ts';
import { CloudRequestError, describeCloudFailure } from './cloud-requests.ts';
import type { CloudTransferContext } from './cloud-transfer-types.ts';
import { SourceChangedError } from './source-hash.ts';

/**
 * Failures that end the whole transfer rather than one file: the control plane gone or refusing
 * the location's keys, the store unreachable after retries, or the attempt stopped.
 */
const TRANSFER_WIDE = new Set([
  'credentials',
  'stopped',
  'timeout',
  'connection_lost',
  'unavailable',
  'throttled',
  'bad_reply',
]);

export function endsTransfer(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return error instanceof CloudRequestError && TRANSFER_WIDE.has(error.code);
}

/** A file's failure in words for its result: never a URL. */
export function describeFileFailure(error: unknown, storeLabel: string): string {
  if (error instanceof CloudRequestError) return describeCloudFailure(error, storeLabel);
  if (error instanceof CloudHttpError || error instanceof SourceChangedError) return error.message;
  if ((error as NodeJS.ErrnoException)?.code) return describeIoError(error);
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether a file's failure may pass on another attempt: the store unreachable or failing (5xx,
 * 408, 429 after retries), or a file-system error that comes and goes (a full disk).
 */
export function isPassingFailure(error: unknown): boolean {
  if (error instanceof CloudHttpError)
    return error.status === 0 || error.status >= 500 || [408, 429].includes(error.status);
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && isPassingFileError({ reason: 'failed', code });
}

/**
 * A file's failed result, counted as done (and as passing, when it may pass on another attempt);
 * rethrows a failure that ends the whole transfer instead.
 */
export function failedFile(
  context: CloudTransferContext,
  path: string,
  sizeBytes: number,
  error: unknown,
): TransferFileResult {
  if (endsTransfer(error, context.signal)) throw error;
  if (isPassingFailure(error)) context.passingFailures.count++;
  context.progress.fileDone();
  return {
    path,
    size: sizeBytes,
    sha256: null,
    status: 'failed',
    error: describeFileFailure(error, context.args.storeLabel),
  };
}
