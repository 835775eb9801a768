import { NETWORK_ERROR_WORDS, retryAfterMs } from '@tcpa/contracts';
import { CloudStoreError } from './cloud-store.ts';

/** Which store answered, in the words a person knows it by ("S3", "Azure Blob Storage", "GCS"). */
export interface StoreContext {
  provider: string;
  /** `host:port` of the store, to say what could not be reached (never a URL: it may carry a signature). */
  host: string;
  /** "bucket tcpa-backups", "container logs". */
  bucket: string;
  /** The object the failed call was about, when there was one. */
  key?: string;
}

/** What the three SDKs' errors have in common, read off whichever fields each uses. */
interface Facts {
  status: number | undefined;
  code: string;
  retryAfter: string | null | undefined;
}

const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AuthenticationFailed',
  'AuthorizationFailure',
  'InvalidAuthenticationInfo',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'invalid_grant',
  'unauthorized_client',
]);
const MISSING_BUCKET_CODES = new Set(['NoSuchBucket', 'ContainerNotFound', 'ContainerBeingDeleted']);
const MISSING_KEY_CODES = new Set(['NoSuchKey', 'BlobNotFound', 'NoSuchUpload', 'NotFound']);
const THROTTLE_CODES = new Set(['SlowDown', 'ServerBusy', 'TooManyRequests', 'Throttling', 'RequestLimitExceeded']);

/**
 * The error of an S3, Azure or GCS SDK call as a CloudStoreError a person can act on. The words
 * come from our own table and the store's error code: never the SDK's message, which can hold
 * the request's URL (and so a signature or a SAS).
 */
export function toCloudStoreError(error: unknown, context: StoreContext): CloudStoreError {
  if (error instanceof CloudStoreError) return error;
  const network = networkProblem(error);
  if (network) {
    return new CloudStoreError('unavailable', `could not reach ${context.provider} at ${context.host}: ${network}`);
  }
  const { status, code, retryAfter } = factsOf(error);
  const where = context.key ? `${context.bucket}, key ${JSON.stringify(context.key)}` : context.bucket;
  if (CREDENTIAL_CODES.has(code) || status === 401) {
    return new CloudStoreError(
      'credentials',
      `${context.provider} refused the location's credentials (${code || status}): check the ${credentialWords(context.provider)}`,
    );
  }
  if (MISSING_BUCKET_CODES.has(code)) {
    return new CloudStoreError(
      'not_found',
      `${context.provider} has no ${context.bucket}: check its name (and the region or account) in the location`,
    );
  }
  if (THROTTLE_CODES.has(code) || status === 429 || status === 503) {
    return new CloudStoreError(
      'throttled',
      `${context.provider} asked us to slow down (${code || status}) on ${where}: retrying later`,
      retryAfterMs(retryAfter),
    );
  }
  if (code === 'AccessDenied' || code === 'AuthorizationPermissionMismatch' || status === 403) {
    return new CloudStoreError(
      'access_denied',
      `${context.provider} denied access to ${where} (${code || status}): the credentials may not do this here; check their policy or permissions`,
    );
  }
  if (MISSING_KEY_CODES.has(code) || status === 404) {
    return new CloudStoreError('not_found', `${context.provider} has nothing at ${where}`);
  }
  if (status !== undefined && status >= 500) {
    return new CloudStoreError(
      'unavailable',
      `${context.provider} failed (${code || status}) on ${where}: retrying later`,
      retryAfterMs(retryAfter),
    );
  }
  return new CloudStoreError('invalid', `${context.provider} refused the request on ${where} (${code || status})`);
}

function credentialWords(provider: string): string {
  if (provider.startsWith('Azure')) return 'account key or SAS token (and that the SAS has not expired)';
  if (provider === 'GCS') return "service account's key file (and that the key is not disabled)";
  return 'access key id and secret';
}

type Loose = Record<string, unknown> & {
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string>; status?: number };
  cause?: unknown;
};

function factsOf(error: unknown): Facts {
  const loose = (typeof error === 'object' && error !== null ? error : {}) as Loose;
  // AWS: name is the S3 code, $metadata the status. Azure RestError: code and statusCode.
  // GCS ApiError: code is the status, errors[0].reason the reason.
  const numericCode = typeof loose.code === 'number' ? loose.code : undefined;
  const status =
    loose.$metadata?.httpStatusCode ??
    (typeof loose.statusCode === 'number' ? loose.statusCode : undefined) ??
    numericCode ??
    loose.response?.status;
  // GCS's token endpoint answers a wrong or disabled key with {error: 'invalid_grant'}.
  const tokenError = (loose.response as { data?: { error?: unknown } } | undefined)?.data?.error;
  const reason =
    (loose.errors as { reason?: string }[] | undefined)?.[0]?.reason ??
    (typeof tokenError === 'string' ? tokenError : undefined);
  const awsName = loose.$metadata ? String(loose.name ?? '') : '';
  const stringCode = typeof loose.code === 'string' && !/^\d+$/.test(loose.code) ? loose.code : '';
  const code = awsName || stringCode || (reason ?? '');
  const headers = loose.response?.headers;
  const retryAfter =
    loose.$response?.headers?.['retry-after'] ??
    (headers && typeof headers.get === 'function'
      ? headers.get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after']);
  return { status: status === 0 ? undefined : status, code: code === 'Unknown' ? '' : code, retryAfter };
}

/** Words for a failure to talk to the store at all (refused, no such host, timed out), else undefined. */
function networkProblem(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const loose = current as Loose;
    if (loose.$metadata?.httpStatusCode) return undefined;
    for (const field of [loose.code, loose.name, loose.errno]) {
      if (typeof field === 'string' && NETWORK_ERROR_WORDS[field]) return NETWORK_ERROR_WORDS[field];
    }
    current = loose.cause;
  }
  return undefined;
}
