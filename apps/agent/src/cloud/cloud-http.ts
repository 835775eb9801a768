import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudHttpRequest } from '@tcpa/contracts';

/** A URL this close to its expiry is asked for again before use: a large part takes a while to send. */
export const URL_REFRESH_MARGIN_MS = 60_000;
const MAX_TRIES = 5;
const RESPONSE_TEXT_LIMIT = 2000;

/**
 * A store's answer that is not a success, in words without the URL (it is a credential). `expired`:
 * the URL's time ran out on the way (S3's 403 "Request has expired", Azure's "Signature not valid
 * in the specified time frame"): the caller asks for a new one, once.
 */
export class CloudHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly expired = false,
  ) {
    super(message);
  }
}

export function urlNeedsRefresh(request: CloudHttpRequest, now: number): boolean {
  return request.expiresAt - now < URL_REFRESH_MARGIN_MS;
}

export interface CloudHttpOptions {
  body?: Buffer;
  /** Headers the agent adds (Range, Content-MD5) to those the control plane gave. */
  headers?: Record<string, string>;
  signal: AbortSignal;
}

/**
 * Sends one request as the control plane gave it (its headers as they are: some are signed).
 * Network errors and 5xx answers are tried again with backoff; any other failure rejects with a
 * CloudHttpError saying what the store said, never the URL.
 */
export async function sendCloudHttp(request: CloudHttpRequest, options: CloudHttpOptions): Promise<Response> {
  for (let tryNumber = 1; ; tryNumber++) {
    options.signal.throwIfAborted();
    let response: Response;
    try {
      response = await fetchOnce(request, options);
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      if (tryNumber >= MAX_TRIES) throw new CloudHttpError(0, `the store could not be reached: ${networkCause(error)}`);
      await sleep(backoff(tryNumber), undefined, { signal: options.signal });
      continue;
    }
    if (response.ok) return response;
    const text = (await response.text().catch(() => '')).slice(0, RESPONSE_TEXT_LIMIT);
    if (response.status >= 500 && tryNumber < MAX_TRIES) {
      await sleep(backoff(tryNumber), undefined, { signal: options.signal });
      continue;
    }
    throw new CloudHttpError(
      response.status,
      describeStoreAnswer(response.status, text),
      isExpired(response.status, text),
    );
  }
}

/**
 * fetch leaves its listener on the signal it is given until the response is collected: a
 * transfer's one signal would gather thousands. Each request gets its own, tied to the
 * transfer's until the answer's headers are in (a caller reading a body checks the signal itself).
 */
async function fetchOnce(request: CloudHttpRequest, options: CloudHttpOptions): Promise<Response> {
  const own = new AbortController();
  const abort = () => own.abort(options.signal.reason);
  options.signal.addEventListener('abort', abort, { once: true });
  try {
    return await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers, ...options.headers },
      ...(options.body ? { body: options.body } : {}),
      signal: own.signal,
    });
  } finally {
    options.signal.removeEventListener('abort', abort);
  }
}

function isExpired(status: number, text: string): boolean {
  return status === 403 && /Request has expired|not valid in the specified time frame|expired/i.test(text);
}

/** `HTTP 403 AccessDenied: Access Denied` from S3's or Azure's XML error body. */
function describeStoreAnswer(status: number, text: string): string {
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]{1,300})/.exec(text)?.[1]?.split('\n')[0];
  return `HTTP ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message?.slice(0, 200) ?? 'network error';
}

function backoff(tryNumber: number): number {
  return Math.min(8_000, 250 * 2 ** (tryNumber - 1)) * (0.5 + Math.random() / 2);
}
