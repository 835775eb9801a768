import { appendFileSync } from 'node:fs';
import { type AgentMessage, AgentMessageSchema, MAX_FILES_PER_REPORT, type TransferFileResult } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { ReportUplink } from '../src/run/report-uplink.ts';
import { pageFiles, TransferReports } from '../src/run/transfer-reports.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs();
const TRANSFER = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

/** `count` file results; short ones (the default) fit 500 to a page. */
function files(count: number, nameLength = 1): TransferFileResult[] {
  return Array.from({ length: count }, (_, index) => ({
    path: `${String(index).padStart(6, '0')}-${'n'.repeat(nameLength)}`,
    size: index,
    sha256: nameLength > 1 ? 'a'.repeat(64) : null,
    status: 'done' as const,
    error: null,
  }));
}

const succeeded = { state: 'succeeded' as const, retryable: false };

describe('file results in pages', () => {
  it('never puts more than 500 files or about 64 KiB in one page, and keeps every file in order', () => {
    const many = files(13_190, 40);
    const pages = pageFiles(many, 64 * 1024);
    expect(pages.flat()).toEqual(many);
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(MAX_FILES_PER_REPORT);
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThanOrEqual(64 * 1024);
    }
    const longNames = pageFiles(files(2_000, 2_000), 64 * 1024);
    for (const page of longNames) expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThanOrEqual(64 * 1024);
    expect(longNames.flat()).toHaveLength(2_000);
  });

  it('makes every report a valid message well under the 256 KiB limit, the outcome last', () => {
    const reports = new TransferReports({ dir: tempDir() });
    const added = reports.addFinished(TRANSFER, files(13_190, 200), succeeded);
    expect(added.at(-1)).toMatchObject({ type: 'transfer_outcome', transferId: TRANSFER, state: 'succeeded' });
    expect(added.slice(0, -1).flatMap((report) => (report.type === 'transfer_files' ? report.files : []))).toHaveLength(
      13_190,
    );
    for (const report of added) {
      expect(AgentMessageSchema.safeParse(report).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThan(70 * 1024);
    }
  });
});

describe('the transfer report outbox', () => {
  it('keeps reports across a restart until acknowledged, and survives a torn last line', () => {
    const dir = tempDir();
    const reports = new TransferReports({ dir });
    const added = reports.addFinished(TRANSFER, files(1_200), succeeded);
    expect(added).toHaveLength(4);
    reports.ack(added[0]?.seq ?? 0);
    appendFileSync(reports.path, '{"report":{"type":"transfer_fi');

    const again = new TransferReports({ dir });
    expect(again.pending().map((report) => report.seq)).toEqual(added.slice(1).map((report) => report.seq));
    expect(again.finishedTransferIds()).toEqual(new Set([TRANSFER]));
    // New reports continue the numbering: an ack never removes the wrong one.
    const next = again.addFinished(OTHER, [], { state: 'failed', reason: 'disk full', retryable: true });
    expect(next[0]?.seq).toBe((added.at(-1)?.seq ?? 0) + 1);
    for (const report of again.pending()) again.ack(report.seq);
    expect(new TransferReports({ dir }).size).toBe(0);
  });

  it('is bounded: past its capacity the oldest file pages go first, then the oldest outcomes', () => {
    const dir = tempDir();
    const reports = new TransferReports({ dir, capacity: 5 });
    reports.addFinished(TRANSFER, files(1_500), succeeded); // 3 pages and an outcome
    reports.addFinished(OTHER, files(1_000), succeeded); // 2 pages and an outcome
    expect(reports.size).toBe(5);
    expect(reports.droppedPages).toBe(2);
    const kinds = reports.pending().map((report) => `${report.type}:${report.transferId === TRANSFER ? 1 : 2}`);
    expect(kinds).toEqual([
      'transfer_files:1',
      'transfer_outcome:1',
      'transfer_files:2',
      'transfer_files:2',
      'transfer_outcome:2',
    ]);
    expect(new TransferReports({ dir, capacity: 5 }).pending()).toEqual(reports.pending());

    // Nothing but outcomes left: the oldest outcome goes, the bound holds.
    const outcomes = new TransferReports({ dir: tempDir(), capacity: 2 });
    for (const transferId of [TRANSFER, OTHER, TRANSFER]) outcomes.addFinished(transferId, [], succeeded);
    expect(outcomes.size).toBe(2);
    expect(outcomes.droppedOutcomes).toBe(1);
    expect(outcomes.pending().map((report) => report.seq)).toEqual([2, 3]);
  });
});

describe('the report uplink', () => {
  it('reconciles first, sends a window of reports, more on each ack, and resends the rest on reconnection', () => {
    const reports = new TransferReports({ dir: tempDir() });
    reports.addFinished(TRANSFER, files(5_000), succeeded); // 10 pages and an outcome
    const sent: AgentMessage[] = [];
    let connected = true;
    const uplink = new ReportUplink({
      reports,
      send: (message) => connected && sent.push(message) > 0,
      runningTransferIds: () => [OTHER],
      window: 4,
    });
    uplink.startSession();
    expect(sent[0]).toEqual({
      type: 'transfer_reconcile',
      transfers: [
        { transferId: OTHER, state: 'running' },
        { transferId: TRANSFER, state: 'finished' },
      ],
    });
    expect(sent.slice(1).map((message) => (message as { seq: number }).seq)).toEqual([1, 2, 3, 4]);
    uplink.acknowledged(1);
    uplink.acknowledged(2);
    expect(sent.slice(1).map((message) => (message as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6]);

    connected = false;
    uplink.endSession();
    sent.length = 0;
    connected = true;
    uplink.startSession();
    // Unacknowledged ones again, oldest first; the acknowledged ones are gone for good.
    expect(sent.slice(1).map((message) => (message as { seq: number }).seq)).toEqual([3, 4, 5, 6]);
    expect(reports.size).toBe(9);
  });
});
