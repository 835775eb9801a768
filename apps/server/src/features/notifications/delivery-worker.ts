import type { Database } from '@tcpa/db';
import { BatchWriter } from './batch-writer.ts';
import { type ChannelResult, collapseChannelResults } from './channel-results.ts';
import {
  type ClaimedDelivery,
  claimDeliveriesAsService,
  type RecordedAttempt,
  recordAttemptsAsService,
} from './delivery-queue.sql.ts';

/** What one attempt came to. `retry: false` ends the delivery (refused by policy, nothing to send with). */
export type SendResult =
  | { ok: true; statusCode: number | null; responseExcerpt: string | null }
  | { ok: false; retry: boolean; statusCode: number | null; responseExcerpt: string | null; error: string };

export interface DeliveryWorkerOptions {
  database: Database;
  send(delivery: ClaimedDelivery): Promise<SendResult>;
  /**
   * A channel's health (failing for days: disabled), noted at most every `healthNoteMs` per channel
   * with what its attempts since came to (see collapseChannelResults).
   */
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
  /** While busy, the least time between two claims (a slot freeing wakes the loop, and slots free all the time). */
  busyPollMs?: number;
  /** Most deliveries claimed in one query. */
  claimBatch?: number;
  healthNoteMs?: number;
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
  readonly #records: BatchWriter<RecordedAttempt>;
  #channelResults: ChannelResult[] = [];
  #healthTimer: NodeJS.Timeout | undefined;
  #noting: Promise<void> | undefined;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(options: DeliveryWorkerOptions) {
    this.#options = {
      concurrency: 512,
      perChannel: 32,
      maxAgeMs: DAY_MS,
      idlePollMs: 500,
      busyPollMs: 50,
      claimBatch: 200,
      healthNoteMs: 1000,
      ...options,
    };
    this.#records = new BatchWriter((attempts) => recordAttemptsAsService(this.#options.database, attempts));
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
    this.#healthTimer = setInterval(() => void this.#noteChannelResults(), this.#options.healthNoteMs);
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
    clearInterval(this.#healthTimer);
    await this.#noteChannelResults();
  }

  /** One note per channel for the results gathered since the last; one round of notes at a time. */
  #noteChannelResults(): Promise<void> {
    this.#noting = (this.#noting ?? Promise.resolve()).then(() => this.#noteGathered());
    return this.#noting;
  }

  async #noteGathered(): Promise<void> {
    const onChannelResult = this.#options.onChannelResult;
    if (!onChannelResult || this.#channelResults.length === 0) return;
    const notes = collapseChannelResults(this.#channelResults);
    this.#channelResults = [];
    for (const { channelId, ok } of notes) {
      try {
        await onChannelResult(channelId, ok);
      } catch (error) {
        this.#options.onError(error);
      }
    }
  }

  async #run(): Promise<void> {
    let lastClaimAt = Number.NEGATIVE_INFINITY;
    let wasFull = false;
    while (this.#running) {
      let claimed = 0;
      const free = this.#options.concurrency - this.#inFlight.size;
      const limit = Math.min(free, this.#options.claimBatch);
      if (free > 0) {
        // Busy, the last claim short of a batch: wait a little so that slots freeing one by one
        // make one claim, not one each (claims cost the database a transaction).
        const gap = lastClaimAt + this.#options.busyPollMs - performance.now();
        if (!wasFull && this.#inFlight.size > 0 && gap > 0) await new Promise((resume) => setTimeout(resume, gap));
        lastClaimAt = performance.now();
        try {
          const due = await claimDeliveriesAsService(this.#options.database, {
            limit,
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
      wasFull = claimed > 0 && claimed >= limit;
      // A full batch: claim again at once. Busy: look again when a slot frees; idle: poll, or wake when something is queued.
      if (!wasFull || this.#inFlight.size >= this.#options.concurrency) {
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
    // Written with the other attempts finishing meanwhile; the slot stays taken until it is.
    await this.#records.add({ delivery, attempt, outcome });
    // A channel's health counts what its endpoint did, not refusals of ours (disabled, refused address).
    if (delivery.channel_id && (result.ok || result.retry)) {
      this.#channelResults.push({ channelId: delivery.channel_id, ok: result.ok });
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);
