import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TelemetrySample, TelemetrySampleSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { writeFileAtomic } from '../state/atomic-write.ts';

/** A measurement before the outbox stamps it with its sequence number and the dropped counter. */
export type TelemetryReading = Omit<TelemetrySample, 'seq' | 'droppedSamples'>;

export interface OutboxOptions {
  /** The state directory; the outbox lives in `outbox.jsonl` there. */
  dir: string;
  /** Most samples kept; when full the oldest is dropped and counted. Default 50,000. */
  capacity?: number;
  /** Rewrite the file only once it holds at least this many dead records (and more dead than live). */
  compactMinDeadRecords?: number;
}

const CounterSchema = z.number().int().nonnegative();
/** One line of `outbox.jsonl`. `drop` removes every sample ≤ drop and sets the dropped counter. */
const OutboxRecordSchema = z.union([
  z.strictObject({ sample: TelemetrySampleSchema }),
  z.strictObject({ ack: CounterSchema }),
  z.strictObject({ drop: CounterSchema, dropped: CounterSchema }),
  z.strictObject({ meta: z.strictObject({ lastSeq: CounterSchema, ackedSeq: CounterSchema, dropped: CounterSchema }) }),
]);
type OutboxRecord = z.infer<typeof OutboxRecordSchema>;

/**
 * Every telemetry sample goes here before it is sent and stays until the server acknowledges
 * it, so nothing is lost across disconnections or restarts. The file is an append-only log of
 * samples, acks and drops, rewritten (atomically) when most of it is dead. The outbox also owns
 * the sequence: each appended sample gets the next `seq`, which survives restarts.
 */
export class Outbox {
  readonly path: string;
  private readonly capacity: number;
  private readonly compactMinDeadRecords: number;
  private queue: TelemetrySample[] = [];
  private head = 0;
  private lastSeqValue = 0;
  private ackedSeqValue = 0;
  private droppedValue = 0;
  private fileRecords = 0;

  constructor(options: OutboxOptions) {
    this.path = join(options.dir, 'outbox.jsonl');
    this.capacity = options.capacity ?? 50_000;
    this.compactMinDeadRecords = options.compactMinDeadRecords ?? 1_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new Error('outbox capacity must be at least 1');
    this.load();
  }

  /** Samples waiting for an ack. */
  get size(): number {
    return this.queue.length - this.head;
  }
  get lastSeq(): number {
    return this.lastSeqValue;
  }
  get lastAckedSeq(): number {
    return this.ackedSeqValue;
  }
  /** Samples dropped because the outbox was full, ever (persisted). */
  get droppedSamples(): number {
    return this.droppedValue;
  }

  /** Stamps the reading with the next seq and the dropped counter, and stores it. */
  append(reading: TelemetryReading): TelemetrySample {
    if (this.size >= this.capacity) this.dropOldest(this.size - this.capacity + 1);
    const sample: TelemetrySample = { ...reading, seq: this.lastSeqValue + 1, droppedSamples: this.droppedValue };
    this.lastSeqValue = sample.seq;
    this.queue.push(sample);
    this.write({ sample });
    return sample;
  }

  /** Forgets every sample with seq ≤ upToSeq; returns how many it removed. */
  ack(upToSeq: number): number {
    const upTo = Math.min(upToSeq, this.lastSeqValue);
    if (upTo <= this.ackedSeqValue) return 0;
    this.ackedSeqValue = upTo;
    const removed = this.removeUpTo(upTo);
    this.write({ ack: upTo });
    this.compactIfWorthIt();
    return removed;
  }

  /** Up to `limit` waiting samples with seq > afterSeq, oldest first. */
  samplesAfter(afterSeq: number, limit: number): TelemetrySample[] {
    let low = this.head;
    let high = this.queue.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.queue[middle]?.seq ?? 0) <= afterSeq) low = middle + 1;
      else high = middle;
    }
    return this.queue.slice(low, low + limit);
  }

  /** Rewrites the file with only what is still needed. */
  compact(): void {
    const meta = { lastSeq: this.lastSeqValue, ackedSeq: this.ackedSeqValue, dropped: this.droppedValue };
    const lines = [
      JSON.stringify({ meta }),
      ...this.queue.slice(this.head).map((sample) => JSON.stringify({ sample })),
    ];
    writeFileAtomic(this.path, `${lines.join('\n')}\n`, 0o600);
    this.queue = this.queue.slice(this.head);
    this.head = 0;
    this.fileRecords = lines.length;
  }

  private dropOldest(count: number): void {
    const last = this.queue[this.head + count - 1];
    if (!last) return;
    this.removeUpTo(last.seq);
    this.droppedValue += count;
    this.write({ drop: last.seq, dropped: this.droppedValue });
  }

  private removeUpTo(seq: number): number {
    const before = this.head;
    while (this.head < this.queue.length && (this.queue[this.head]?.seq ?? 0) <= seq) this.head++;
    if (this.head > 1_024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return this.head - before;
  }

  private write(record: OutboxRecord): void {
    appendFileSync(this.path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    this.fileRecords++;
  }

  private compactIfWorthIt(): void {
    const dead = this.fileRecords - this.size;
    if (dead > this.size && dead >= this.compactMinDeadRecords) this.compact();
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let damaged = text.length > 0 && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const record = parseRecord(line);
      if (record) this.replay(record);
      else damaged = true;
      this.fileRecords++;
    }
    if (this.size > this.capacity) this.dropOldest(this.size - this.capacity);
    // A torn last line (crash mid-write) would swallow the next append: rewrite the file now.
    if (damaged) this.compact();
    else this.compactIfWorthIt();
  }

  private replay(record: OutboxRecord): void {
    if ('sample' in record) {
      const { sample } = record;
      if (sample.seq > this.ackedSeqValue && sample.seq > (this.queue.at(-1)?.seq ?? 0)) this.queue.push(sample);
      this.lastSeqValue = Math.max(this.lastSeqValue, sample.seq);
    } else if ('ack' in record) {
      this.ackedSeqValue = Math.max(this.ackedSeqValue, record.ack);
      this.removeUpTo(this.ackedSeqValue);
    } else if ('drop' in record) {
      this.removeUpTo(record.drop);
      this.droppedValue = Math.max(this.droppedValue, record.dropped);
    } else {
      this.lastSeqValue = Math.max(this.lastSeqValue, record.meta.lastSeq);
      this.ackedSeqValue = Math.max(this.ackedSeqValue, record.meta.ackedSeq);
      this.droppedValue = Math.max(this.droppedValue, record.meta.dropped);
      this.removeUpTo(this.ackedSeqValue);
    }
  }
}

function parseRecord(line: string): OutboxRecord | null {
  try {
    const parsed = OutboxRecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
