import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentMessageSchema, MAX_FILES_PER_REPORT, type TransferFileResult } from '@tcpa/contracts';
import { z } from 'zod';
import { writeFileAtomic } from '../state/atomic-write.ts';

/** A report kept until acknowledged: a page of file results, or the outcome that ends a transfer. */
export type TransferReport =
  | { type: 'transfer_files'; transferId: string; seq: number; files: TransferFileResult[] }
  | (Extract<z.infer<typeof AgentMessageSchema>, { type: 'transfer_outcome' }> & { seq: number });
type NewReport = TransferReport extends infer R ? (R extends TransferReport ? Omit<R, 'seq'> : never) : never;

export interface TransferReportsOptions {
  /** The state directory; reports live in `transfer-reports.jsonl` there. */
  dir: string;
  /** Most reports kept; when full the oldest page of file results goes (an outcome only when no page is left). Default 4,000. */
  capacity?: number;
  /** A page's JSON stays under this many bytes (and MAX_FILES_PER_REPORT files). Default 64 KiB. */
  maxPageBytes?: number;
}

const ReportSchema = z.intersection(
  z.object({ seq: z.number().int().positive() }),
  AgentMessageSchema.refine((message) => message.type === 'transfer_files' || message.type === 'transfer_outcome'),
);
const RecordSchema = z.union([z.strictObject({ report: z.unknown() }), z.strictObject({ ack: z.number().int() })]);

/**
 * The source agent's transfer reports from the moment they are made until the server says it
 * stored them: kept in memory and in an append-only file in the state folder (rewritten when
 * most of it is acknowledged), so an outcome made while the control plane is away, or before
 * the agent restarts, still arrives. Bounded: past `capacity` the oldest file pages go first,
 * then the oldest outcomes.
 */
export class TransferReports {
  readonly path: string;
  private readonly capacity: number;
  private readonly maxPageBytes: number;
  private readonly waiting = new Map<number, TransferReport>();
  private lastSeq = 0;
  private fileRecords = 0;
  /** File pages dropped because the outbox was full (not persisted: a count for the log). */
  droppedPages = 0;
  /** Outcomes dropped because the outbox held nothing but outcomes. */
  droppedOutcomes = 0;

  constructor(options: TransferReportsOptions) {
    this.path = join(options.dir, 'transfer-reports.jsonl');
    this.capacity = options.capacity ?? 4_000;
    this.maxPageBytes = options.maxPageBytes ?? 64 * 1024;
    this.load();
  }

  get size() {
    return this.waiting.size;
  }

  /** Waiting reports, oldest first. */
  pending(): TransferReport[] {
    return [...this.waiting.values()];
  }

  /** Transfers with a waiting outcome (finished here, not yet known as such by the server). */
  finishedTransferIds(): Set<string> {
    const ids = new Set<string>();
    for (const report of this.waiting.values()) if (report.type === 'transfer_outcome') ids.add(report.transferId);
    return ids;
  }

  /** Stores the file results in pages, then the outcome; returns the reports in sending order. */
  addFinished(
    transferId: string,
    files: TransferFileResult[],
    outcome: Omit<NewReport & { type: 'transfer_outcome' }, 'type' | 'transferId'>,
  ) {
    const added = pageFiles(files, this.maxPageBytes).map((page) =>
      this.add({ type: 'transfer_files', transferId, files: page }),
    );
    added.push(this.add({ type: 'transfer_outcome', transferId, ...outcome }));
    return added;
  }

  add(report: NewReport): TransferReport {
    // Outcomes are small and say how a transfer ended: they go only when nothing else is left.
    if (this.waiting.size >= this.capacity && !this.dropOldestPage()) this.dropOldest();
    const stored = { ...report, seq: ++this.lastSeq } as TransferReport;
    this.waiting.set(stored.seq, stored);
    this.write({ report: stored });
    return stored;
  }

  ack(seq: number) {
    if (!this.waiting.delete(seq)) return;
    this.write({ ack: seq });
    const dead = this.fileRecords - this.waiting.size;
    if (dead > this.waiting.size && dead >= 100) this.compact();
  }

  private dropOldestPage(): boolean {
    for (const [seq, report] of this.waiting) {
      if (report.type !== 'transfer_files') continue;
      this.waiting.delete(seq);
      this.write({ ack: seq });
      this.droppedPages++;
      return true;
    }
    return false;
  }

  private dropOldest() {
    const [seq] = this.waiting.keys();
    if (seq === undefined) return;
    this.waiting.delete(seq);
    this.write({ ack: seq });
    this.droppedOutcomes++;
  }

  private compact() {
    const lines = [...this.waiting.values()].map((report) => JSON.stringify({ report }));
    writeFileAtomic(this.path, lines.length > 0 ? `${lines.join('\n')}\n` : '', 0o600);
    this.fileRecords = lines.length;
  }

  private write(record: { report: TransferReport } | { ack: number }) {
    appendFileSync(this.path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    this.fileRecords++;
  }

  private load() {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      this.fileRecords++;
      const record = parseRecord(line);
      if (!record) continue; // a torn last line: what it held was never acknowledged, nor sent whole
      if ('ack' in record) this.waiting.delete(record.ack);
      else {
        const report = ReportSchema.safeParse(record.report);
        if (!report.success) continue;
        const stored = report.data as TransferReport;
        this.waiting.set(stored.seq, stored);
        this.lastSeq = Math.max(this.lastSeq, stored.seq);
      }
    }
    while (this.waiting.size > this.capacity) if (!this.dropOldestPage()) this.dropOldest();
    this.compact();
  }
}

/** Splits file results into pages of at most MAX_FILES_PER_REPORT files and about `maxBytes` of JSON. */
export function pageFiles(files: TransferFileResult[], maxBytes: number): TransferFileResult[][] {
  const pages: TransferFileResult[][] = [];
  let page: TransferFileResult[] = [];
  let bytes = 0;
  for (const file of files) {
    const size = Buffer.byteLength(JSON.stringify(file)) + 1;
    if (page.length > 0 && (page.length >= MAX_FILES_PER_REPORT || bytes + size > maxBytes)) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    page.push(file);
    bytes += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function parseRecord(line: string) {
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
