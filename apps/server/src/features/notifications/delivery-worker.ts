import type { Database } from '@tcpa/db';
import { type ClaimedDelivery, claimDeliveriesAsService, recordAttemptAsService } from './delivery-queue.sql.ts';

/** What one attempt came to. `retry: false` ends the delivery (refused by policy, nothing to send with). */
export type SendResult =
  | { ok: true; statusCode: number | null; responseExcerpt: string | null }
  | { ok: false; retry: boolean; statusCode: number | null; responseExcerpt: string | null; error: string };

export interface DeliveryWorkerOptions {
  database: Database;
  send(delivery: ClaimedDelivery): Promise<SendResult>;
  /** After each attempt at a channel's delivery: the channel's health (failing for days: disabled). */
  onChannelResult?(channelId: string, ok: boolean): Promise<void>;
  onError(error: unknown): void;
  /** Sends in flight at once, and at once to one channel (a slow endpoint holds no more than that). */
  concurrency?: number;
  perChannel?: number;
  /** How long one attempt may take; a claim lasts a little longer, then another server may send it. */
  attemptTimeoutMs: number;
  /** Deliveries are retried until they are this old. */
  maxAgeMs?: number;
  /** How often to look for due deliveries when idle (at once after a wake-up). */
  idlePollMs?: number;
}

const DAY_MS = 86_400_000;
/** Seconds to wait before attempt n+1 (n counted from 1): quick at first, then hours apart. */
const BACKOFF_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800];

export function retryDelaySeconds(attemptsMade: number): number {
  const base = BACKOFF_SECONDS[Math.min(attemptsMade, BACKOFF_SECONDS.length) - 1] ?? 5;
  return base * (0.9 + Math.random() * 0.2);
}

/**
 * Sends queued deliveries: claims due ones, sends each (up to `concurrency` at once), and records
 * every attempt. A failed attempt is retried with backoff until the delivery is a day old.
 * Runs on every node: claims are row locks with a lease, so each attempt is made by one node.
 */
export class DeliveryWorker {
  readonly #options: Required<Omit<DeliveryWorkerOptions, 'onChannelResult'>> &
    Pick<DeliveryWorkerOptions, 'onChannelResult'>;
  readonly #inFlightByChannel = new Map<string, number>();
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(options: DeliveryWorkerOptions) {
    this.#options = { concurrency: 32, perChannel: 4, maxAgeMs: DAY_MS, idlePollMs: 500, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Looks for due deliveries now (something was just queued). */
  wake(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    await Promise.allSettled(this.#inFlight);
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let claimed = 0;
      const free = this.#options.concurrency - this.#inFlight.size;
      if (free > 0) {
        try {
          const due = await claimDeliveriesAsService(this.#options.database, {
            limit: free,
            perChannel: this.#options.perChannel,
            inFlightByChannel: this.#inFlightByChannel,
            leaseSeconds: Math.ceil(this.#options.attemptTimeoutMs / 1000) * 2 + 5,
          });
          for (const delivery of due) this.#track(delivery);
          claimed = due.length;
        } catch (error) {
          this.#options.onError(error);
        }
      }
      // Busy: look again as soon as a slot frees; idle: poll, or wake when something is queued.
      if (claimed === 0 || this.#inFlight.size >= this.#options.concurrency) {
        await new Promise<void>((resume) => {
          const timer = setTimeout(resume, this.#options.idlePollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resume();
          };
        });
        this.#wake = undefined;
      }
    }
  }

  #track(delivery: ClaimedDelivery): void {
    const channel = delivery.channel_id;
    if (channel) this.#inFlightByChannel.set(channel, (this.#inFlightByChannel.get(channel) ?? 0) + 1);
    const sending = this.#attempt(delivery)
      .catch((error) => this.#options.onError(error))
      .finally(() => {
        this.#inFlight.delete(sending);
        if (channel) {
          const left = (this.#inFlightByChannel.get(channel) ?? 1) - 1;
          if (left > 0) this.#inFlightByChannel.set(channel, left);
          else this.#inFlightByChannel.delete(channel);
        }
        this.#wake?.();
      });
    this.#inFlight.add(sending);
  }

  async #attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const started = performance.now();
    let result: SendResult;
    try {
      result = await this.#options.send(delivery);
    } catch (error) {
      result = { ok: false, retry: true, statusCode: null, responseExcerpt: null, error: messageOf(error) };
    }
    const attempt = {
      startedAt,
      durationMs: performance.now() - started,
      statusCode: result.statusCode,
      responseExcerpt: result.responseExcerpt,
      error: result.ok ? null : result.error,
    };
    const retryIn = retryDelaySeconds(delivery.attempts);
    const expiresAt = Date.parse(delivery.created_at) + this.#options.maxAgeMs;
    const outcome = result.ok
      ? ({ status: 'delivered' } as const)
      : result.retry && Date.now() + retryIn * 1000 < expiresAt
        ? ({ status: 'pending', retryInSeconds: retryIn } as const)
        : ({ status: 'failed' } as const);
    await recordAttemptAsService(this.#options.database, delivery, attempt, outcome);
    // A channel's health counts what its endpoint did, not refusals of ours (disabled, refused address).
    if (delivery.channel_id && (result.ok || result.retry)) {
      await this.#options.onChannelResult?.(delivery.channel_id, result.ok);
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);
