import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AgentMessage,
  type CloudErrorCode,
  type CloudOperation,
  type CloudOperationName,
  type CloudReplyMessage,
  type CloudResult,
  CloudResultSchemas,
} from '@tcpa/contracts';

/** The control plane answers at most 16 of an agent's requests at once; more would only wait there. */
export const MAX_CLOUD_REQUESTS_IN_FLIGHT = 16;
const REPLY_TIMEOUT_MS = 30_000;
const MAX_TRIES = 8;
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 15_000;

/** Why an operation failed: the store's code, or what happened on the way (`timeout`, `connection_lost`). */
export type CloudFailureCode = CloudErrorCode | 'timeout' | 'connection_lost' | 'bad_reply';

export class CloudRequestError extends Error {
  constructor(
    readonly code: CloudFailureCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Failures worth asking again for: they pass by themselves. */
const RETRIED = new Set<CloudFailureCode>(['throttled', 'unavailable', 'timeout', 'connection_lost']);

export type CloudOperationOf<Op extends CloudOperationName> = Extract<CloudOperation, { op: Op }>;

/** One transfer's way to ask the control plane: `request(operation)` → the checked result. */
export type CloudAsk = <Op extends CloudOperationName>(
  operation: CloudOperationOf<Op>,
  signal?: AbortSignal,
) => Promise<CloudResult<Op>>;

export interface CloudRequestsDeps {
  /** `false` when the message could not be sent (no connection to the control plane). */
  send(message: AgentMessage): unknown;
  timeoutMs?: number;
  /** Waits between tries; default a timer (tests may shorten it). */
  backoffMs?: (tryNumber: number) => number;
}

interface Waiting {
  resolve(reply: CloudReplyMessage): void;
  reject(error: CloudRequestError): void;
}

/**
 * The agent's end of `cloud_request` / `cloud_reply`: at most 16 requests in flight (more queue
 * here), each answered within 30 s or tried again; `throttled` (after the store's hint),
 * `unavailable`, a timeout and a lost connection are tried again with backoff; `stopped` and the
 * rest reject with a CloudRequestError whose message is for a person.
 */
export class CloudRequests {
  private readonly waiting = new Map<string, Waiting>();
  private readonly queue: (() => void)[] = [];
  private inFlight = 0;

  constructor(private readonly deps: CloudRequestsDeps) {}

  /** `request` bound to one transfer attempt. */
  forTransfer(transferId: string, attempt: number): CloudAsk {
    return (operation, signal) => this.request(transferId, attempt, operation, signal);
  }

  async request<Op extends CloudOperationName>(
    transferId: string,
    attempt: number,
    operation: CloudOperationOf<Op>,
    signal?: AbortSignal,
  ): Promise<CloudResult<Op>> {
    for (let tryNumber = 1; ; tryNumber++) {
      signal?.throwIfAborted();
      try {
        const reply = await this.sendOnce(transferId, attempt, operation, signal);
        return this.resultOf(operation.op as Op, reply);
      } catch (error) {
        if (!(error instanceof CloudRequestError) || !RETRIED.has(error.code) || tryNumber >= MAX_TRIES) throw error;
        const wait = error.retryAfterMs ?? this.deps.backoffMs?.(tryNumber) ?? backoff(tryNumber);
        await sleep(wait, undefined, signal ? { signal } : {});
      }
    }
  }

  /** A `cloud_reply` from the control plane; one nobody waits for (timed out, or not ours) is dropped. */
  handleReply(reply: CloudReplyMessage): void {
    const waiting = this.waiting.get(reply.requestId);
    if (!waiting) return;
    this.waiting.delete(reply.requestId);
    waiting.resolve(reply);
  }

  /** The control channel closed: nothing sent on it will be answered; each request tries again. */
  connectionLost(): void {
    for (const [requestId, waiting] of this.waiting) {
      this.waiting.delete(requestId);
      waiting.reject(new CloudRequestError('connection_lost', 'the connection to the control plane was lost'));
    }
  }

  private resultOf<Op extends CloudOperationName>(op: Op, reply: CloudReplyMessage): CloudResult<Op> {
    if (reply.error) {
      const { code, message, retryAfterMs } = reply.error;
      throw new CloudRequestError(code, message, retryAfterMs);
    }
    const parsed = CloudResultSchemas[op].safeParse(reply.result);
    if (!parsed.success) {
      throw new CloudRequestError('bad_reply', `the control plane's answer to ${op} could not be read`);
    }
    return parsed.data as CloudResult<Op>;
  }

  private async sendOnce(
    transferId: string,
    attempt: number,
    operation: CloudOperation,
    signal?: AbortSignal,
  ): Promise<CloudReplyMessage> {
    await this.slot(signal);
    const requestId = randomUUID();
    try {
      return await new Promise<CloudReplyMessage>((resolve, reject) => {
        const settle = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          this.waiting.delete(requestId);
        };
        const aborted = () => {
          settle();
          reject(signal?.reason ?? new Error('aborted'));
        };
        const timer = setTimeout(() => {
          settle();
          reject(new CloudRequestError('timeout', `the control plane did not answer ${operation.op} in time`));
        }, this.deps.timeoutMs ?? REPLY_TIMEOUT_MS);
        signal?.addEventListener('abort', aborted, { once: true });
        this.waiting.set(requestId, {
          resolve: (reply) => {
            settle();
            resolve(reply);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        });
        const sent = this.deps.send({ type: 'cloud_request', requestId, transferId, attempt, operation });
        if (sent === false) {
          settle();
          reject(new CloudRequestError('connection_lost', 'no connection to the control plane'));
        }
      });
    } finally {
      this.release();
    }
  }

  private async slot(signal?: AbortSignal): Promise<void> {
    if (this.inFlight < MAX_CLOUD_REQUESTS_IN_FLIGHT) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const take = () => {
        signal?.removeEventListener('abort', aborted);
        this.inFlight++;
        resolve();
      };
      const aborted = () => {
        const index = this.queue.indexOf(take);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.queue.push(take);
    });
  }

  private release(): void {
    this.inFlight--;
    this.queue.shift()?.();
  }
}

function backoff(tryNumber: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** (tryNumber - 1));
  return base / 2 + Math.random() * (base / 2);
}

/** A failure of one operation in words, for a file's or the transfer's reason. */
export function describeCloudFailure(error: unknown, storeLabel: string): string {
  if (!(error instanceof CloudRequestError)) return (error as Error).message;
  const what: Record<CloudFailureCode, string> = {
    credentials: `the storage location's credentials were refused (${storeLabel})`,
    not_found: `not found in ${storeLabel}`,
    access_denied: `access denied by ${storeLabel}`,
    throttled: `${storeLabel} kept asking to slow down`,
    unavailable: `${storeLabel} did not answer`,
    invalid: 'the store refused the request',
    stopped: 'the transfer was stopped',
    timeout: 'the control plane did not answer',
    connection_lost: 'no connection to the control plane',
    bad_reply: "the control plane's answer could not be read",
  };
  return `${what[error.code]}: ${error.message}`;
}
