import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type CheckedAddress, checkTarget, type OutboundPolicy } from './outbound-policy.ts';

export { type OutboundPolicy, OutboundRefusedError, parseAllowHosts } from './outbound-policy.ts';

export interface OutboundResponse {
  status: number;
  /** The start of the response body (at most maxExcerptBytes), for a person reading a delivery's log. */
  excerpt: string;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_EXCERPT_BYTES = 1024;
/** Idle connections are closed after this long (below the 5 s Node servers keep them by default). */
const IDLE_CONNECTION_MS = 4000;
const MAX_AGENTS = 1000;

/**
 * Keep-alive connections, one pool per checked address set: a connection is only ever reused
 * for the addresses it was opened to, which the policy allowed (a name now resolving elsewhere gets
 * another pool). A new connection per webhook cost the sender and the receiver a TCP handshake and
 * close each (about a quarter of the server's CPU at 700 a second, measured with bench:notify).
 */
const agents = new Map<string, HttpAgent>();

function agentFor(target: { url: URL; addresses: CheckedAddress[] }): HttpAgent {
  const key = `${target.url.protocol}//${target.addresses.map((entry) => entry.address).join(',')}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: IDLE_CONNECTION_MS, maxFreeSockets: 64, scheduling: 'lifo' as const };
    agent = target.url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
    agents.set(key, agent);
    if (agents.size > MAX_AGENTS) {
      const [oldestKey, oldest] = agents.entries().next().value as [string, HttpAgent];
      agents.delete(oldestKey);
      oldest.destroy();
    }
  }
  return agent;
}

/** Checks a URL a user gives (at channel creation): returns a clear reason when refused, else undefined. */
export async function checkOutboundUrl(url: string, policy: OutboundPolicy): Promise<string | undefined> {
  try {
    await checkTarget(url, policy);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * POSTs `body` to a URL a user gave, after the policy's checks, connecting only to the addresses
 * checked (a DNS answer changing between check and connect cannot redirect it). Redirects are not
 * followed. Throws OutboundRefusedError when the policy refuses (do not retry), else a plain Error
 * whose message names the host but never the path or query (webhook URLs carry their secret there).
 */
export async function postOutbound(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
  options: { timeoutMs?: number; maxExcerptBytes?: number } = {},
): Promise<OutboundResponse> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = await checkTarget(url, policy);
  if (performance.now() - started >= timeoutMs) throw new Error(`timed out after ${formatSeconds(timeoutMs)}`);
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, 'utf8');
  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const outgoing = request(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        lookup: pinnedLookup(target.addresses),
        agent: agentFor(target),
      },
      (response) => {
        readExcerpt(response, options.maxExcerptBytes ?? DEFAULT_MAX_EXCERPT_BYTES)
          .then(({ excerpt, complete }) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            // A body read to its end leaves the connection for the next request; one cut short closes it.
            if (!complete) outgoing.destroy();
            resolve({ status: response.statusCode ?? 0, excerpt, durationMs: Math.round(performance.now() - started) });
          })
          .catch((error: unknown) => fail(describeNetworkError(error, target.host)));
      },
    );
    const remainingMs = Math.max(0, timeoutMs - (performance.now() - started));
    const timer = setTimeout(() => {
      fail(new Error(`timed out after ${formatSeconds(timeoutMs)}`));
      outgoing.destroy();
    }, remainingMs);
    outgoing.on('error', (error) => fail(describeNetworkError(error, target.host)));
    outgoing.end(payload);
  });
}

/** Answers every lookup with the addresses already checked, whatever DNS says now. */
function pinnedLookup(addresses: CheckedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0] as CheckedAddress;
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
}

/**
 * Reads at most `maxBytes` of the body, then stops: an endless response is never buffered.
 * `complete` when the body ended within the limit (the connection may then be reused).
 */
function readExcerpt(response: IncomingMessage, maxBytes: number): Promise<{ excerpt: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let finished = false;
    const finish = (complete: boolean) => {
      if (finished) return;
      finished = true;
      response.off('data', onData);
      if (!complete) response.destroy();
      const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
      // A multi-byte character cut at the end becomes U+FFFD; drop it rather than show it.
      resolve({ excerpt: new TextDecoder().decode(bytes).replace(/\uFFFD$/, ''), complete });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) finish(response.complete);
    };
    response.on('data', onData);
    response.on('end', () => finish(true));
    // The peer closing mid-body still answered: its status and what came are the outcome.
    response.on('close', () => finish(false));
    response.on('error', (error) => {
      if (!finished && chunks.length === 0) reject(error);
    });
  });
}

function describeNetworkError(error: unknown, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return new Error(`connection refused by ${host}`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new Error(`connection reset by ${host}`);
  if (code === 'ETIMEDOUT') return new Error(`connection to ${host} timed out`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new Error(`${host} is unreachable`);
  if (code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.includes('CERT') || code.startsWith('ERR_SSL')) {
    return new Error(`TLS failed with ${host} (${code})`);
  }
  return new Error(`request to ${host} failed${code ? ` (${code})` : ''}`);
}

function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(3))} s`;
}
