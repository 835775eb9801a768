import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CloudHttpRequest, retryAfterMs } from '@tcpa/contracts';

/** A URL this close to its expiry is asked for again before use: a large part takes a while to send. */
export const URL_REFRESH_MARGIN_MS = 60_000;
const MAX_TRIES = 5;
const MAX_RETRY_AFTER_WAIT_MS = 60_000;
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
 * Network errors, 5xx and 429 answers are tried again with backoff (or after the store's
 * Retry-After); any other failure rejects with a CloudHttpError saying what the store said,
 * never the URL.
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
    // 429 (GCS, Azure) and 503 (S3's SlowDown, Azure's ServerBusy) are the store asking to slow
    // down: its Retry-After is waited out (within a minute); other 5xx back off as network errors do.
    const throttled = response.status === 429 || response.status === 503;
    if ((throttled || response.status >= 500) && tryNumber < MAX_TRIES) {
      const hint = response.headers.get('retry-after');
      const wait = hint ? Math.min(retryAfterMs(hint), MAX_RETRY_AFTER_WAIT_MS) : backoff(tryNumber);
      await sleep(wait, undefined, { signal: options.signal });
      continue;
    }
    const described = describeStoreAnswer(response.status, text);
    throw new CloudHttpError(
      response.status,
      throttled ? `${described} (the store asked to slow down; tried ${MAX_TRIES} times)` : described,
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
    const headers = { ...request.headers, ...options.headers };
    if (options.body) return await sendBody(request, headers, options.body, own.signal);
    return await fetch(request.url, { method: request.method, headers, signal: own.signal });
  } finally {
    options.signal.removeEventListener('abort', abort);
  }
}

const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const IDLE_TIMEOUT_MS = 300_000;

/**
 * A request with a body (a part, a small file) through node:http, which writes the buffer to the
 * socket as it is: fetch copies it and feeds it through a web stream, a few seconds of CPU a GiB.
 * The answer (a store's few bytes) is collected into a Response, as fetch would give.
 */
function sendBody(
  request: CloudHttpRequest,
  headers: Record<string, string>,
  body: Buffer,
  signal: AbortSignal,
): Promise<Response> {
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method: request.method, headers: { ...headers, 'content-length': String(body.length) }, agent, signal },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= RESPONSE_TEXT_LIMIT * 4) chunks.push(chunk);
        });
        incoming.on('error', reject);
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 0;
          const answer = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              answer.append(name, one);
          }
          resolve(
            new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), { status, headers: answer }),
          );
        });
      },
    );
    outgoing.setTimeout(IDLE_TIMEOUT_MS, () => outgoing.destroy(new Error('the store did not answer in 5 minutes')));
    outgoing.on('error', (error) => reject(Object.assign(new Error('network error'), { cause: error })));
    outgoing.end(body);
  });
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
