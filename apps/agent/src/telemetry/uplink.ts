import { type AgentMessage, MAX_SAMPLES_PER_MESSAGE, type TelemetrySample } from '@tcpa/contracts';
import type { Outbox } from './outbox.ts';

export interface TelemetryUplinkDeps {
  outbox: Outbox;
  /** Sends on the open connection; false when it could not. */
  send: (message: AgentMessage) => boolean;
  batchSize?: number;
  /** Backlog batches sent and not yet acknowledged, at most. Default 2. */
  maxBatchesInFlight?: number;
  /** A batch unacknowledged this long no longer holds its slot (it is resent on the next connection). */
  ackTimeoutMs?: number;
  now?: () => number;
}

interface BatchInFlight {
  lastSeq: number;
  sentAt: number;
}

/**
 * Moves samples from the outbox to the server, strictly in seq order. A session starts when the
 * server has said hello with status active: then everything unacknowledged is replayed oldest
 * first in batches of up to 500, with at most two batches awaiting their ack, and new samples
 * are sent at once when nothing older is waiting. Samples leave the outbox only on an ack.
 */
export class TelemetryUplink {
  private readonly batchSize: number;
  private readonly maxBatchesInFlight: number;
  private readonly ackTimeoutMs: number;
  private readonly now: () => number;
  private active = false;
  /** Highest seq sent in this session. */
  private sentUpTo = 0;
  private inFlight: BatchInFlight[] = [];

  constructor(private readonly deps: TelemetryUplinkDeps) {
    this.batchSize = Math.min(deps.batchSize ?? MAX_SAMPLES_PER_MESSAGE, MAX_SAMPLES_PER_MESSAGE);
    this.maxBatchesInFlight = deps.maxBatchesInFlight ?? 2;
    this.ackTimeoutMs = deps.ackTimeoutMs ?? 30_000;
    this.now = deps.now ?? Date.now;
  }

  get sessionActive(): boolean {
    return this.active;
  }

  /** Connected and active: start replaying from the oldest unacknowledged sample. */
  startSession(): void {
    this.active = true;
    this.sentUpTo = this.deps.outbox.lastAckedSeq;
    this.inFlight = [];
    this.pump();
  }

  /** Disconnected, or no longer active: stop sending; what was unacknowledged is replayed next time. */
  endSession(): void {
    this.active = false;
    this.inFlight = [];
  }

  /** A new sample is in the outbox. */
  sampleAdded(sample: TelemetrySample): void {
    if (!this.active) return;
    const nextToSend = this.deps.outbox.samplesAfter(this.sentUpTo, 1)[0];
    // Nothing older is waiting: a live sample goes out at once, whatever is in flight.
    if (nextToSend?.seq === sample.seq && this.sendBatch([sample], false)) return;
    this.pump();
  }

  acknowledged(upToSeq: number): void {
    this.deps.outbox.ack(upToSeq);
    this.inFlight = this.inFlight.filter((batch) => batch.lastSeq > upToSeq);
    if (this.sentUpTo < this.deps.outbox.lastAckedSeq) this.sentUpTo = this.deps.outbox.lastAckedSeq;
    this.pump();
  }

  /** Sends backlog batches while there is room in the window. */
  private pump(): void {
    if (!this.active) return;
    const now = this.now();
    this.inFlight = this.inFlight.filter((batch) => now - batch.sentAt < this.ackTimeoutMs);
    while (this.inFlight.length < this.maxBatchesInFlight) {
      const batch = this.deps.outbox.samplesAfter(this.sentUpTo, this.batchSize);
      if (batch.length === 0 || !this.sendBatch(batch, true)) return;
    }
  }

  private sendBatch(samples: TelemetrySample[], counted: boolean): boolean {
    const last = samples.at(-1);
    if (!last || !this.deps.send({ type: 'telemetry', samples })) return false;
    this.sentUpTo = last.seq;
    if (counted) this.inFlight.push({ lastSeq: last.seq, sentAt: this.now() });
    return true;
  }
}
