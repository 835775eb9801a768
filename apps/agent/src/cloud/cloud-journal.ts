import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What a cloud transfer has finished, so that a later attempt (after kill -9, a pause, a lost
 * connection) does not move it again. Never a URL, a SAS or a request header: those are credentials.
 */
const FileIdentitySchema = z.strictObject({
  sizeBytes: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  inode: z.number(),
  sha256Hex: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileIdentity = z.infer<typeof FileIdentitySchema>;

const JournalRecordSchema = z.discriminatedUnion('record', [
  /** An upload begun: the file it reads (a changed file is not resumed) and the part size it is cut in. */
  z.strictObject({
    record: z.literal('upload'),
    key: z.string(),
    uploadId: z.string(),
    partSizeBytes: z.number().int().positive(),
    file: FileIdentitySchema,
  }),
  /** A part the store took. */
  z.strictObject({
    record: z.literal('part'),
    key: z.string(),
    uploadId: z.string(),
    partNumber: z.number().int().positive(),
    sizeBytes: z.number().int().positive(),
    etag: z.string(),
    sha256Base64: z.string(),
  }),
  /** A download's range written and flushed into its temporary file. */
  z.strictObject({
    record: z.literal('range'),
    key: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    lastModifiedMs: z.number(),
    /** Absent in journals of agents before ranges grew with the object: those ranges are not reused. */
    rangeSizeBytes: z.number().int().positive().optional(),
    rangeIndex: z.number().int().nonnegative(),
  }),
]);
export type JournalRecord = z.infer<typeof JournalRecordSchema>;
export type JournalPart = Extract<JournalRecord, { record: 'part' }>;

/** The folder of cloud journals in the agent's state folder. */
export function cloudJournalDir(stateDir: string): string {
  return join(stateDir, 'cloud-journal');
}

/**
 * One transfer's journal: `cloud-journal/<transferId>.jsonl`, append-only JSON lines, each batch
 * flushed to disk (fsync) before the control plane hears of it. Grows only with the parts and
 * ranges of this one transfer; removed when the transfer ends.
 */
export class CloudJournal {
  readonly path: string;
  private readonly uploads = new Map<string, Extract<JournalRecord, { record: 'upload' }>>();
  private readonly parts = new Map<string, Map<number, JournalPart>>();
  private readonly ranges = new Map<
    string,
    { sizeBytes: number; lastModifiedMs: number; rangeSizeBytes?: number; done: Set<number> }
  >();
  private writing: Promise<void> = Promise.resolve();

  constructor(stateDir: string, transferId: string) {
    const dir = cloudJournalDir(stateDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, `${transferId}.jsonl`);
    this.load();
  }

  /** The upload this journal holds for `key`, if it was begun for the same file. */
  uploadOf(key: string, file: FileIdentity) {
    const upload = this.uploads.get(key);
    if (!upload || !sameFile(upload.file, file)) return undefined;
    return upload;
  }

  /** The part size `key`'s upload was begun with, if one was: a resumed file keeps it, whatever the tuner says now. */
  partSizeOf(key: string): number | undefined {
    return this.uploads.get(key)?.partSizeBytes;
  }

  /** Parts of `key`'s upload `uploadId` the store took. */
  partsOf(key: string, uploadId: string): Map<number, JournalPart> {
    return this.parts.get(`${key}\n${uploadId}`) ?? new Map();
  }

  /** Ranges of `key` already in its temporary file, if the object is still the one they came from. */
  rangesOf(key: string, sizeBytes: number, lastModifiedMs: number, rangeSizeBytes: number): Set<number> {
    const ranges = this.ranges.get(key);
    if (
      !ranges ||
      ranges.sizeBytes !== sizeBytes ||
      ranges.lastModifiedMs !== lastModifiedMs ||
      ranges.rangeSizeBytes !== rangeSizeBytes
    ) {
      return new Set();
    }
    return ranges.done;
  }

  /** Appends records and flushes them to disk; resolves once they are durable. */
  append(records: JournalRecord[]): Promise<void> {
    for (const record of records) this.remember(record);
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    this.writing = this.writing.then(async () => {
      const handle = await open(this.path, 'a', 0o600);
      try {
        await handle.appendFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    return this.writing;
  }

  /** The transfer ended: nothing is left to resume. */
  async remove(): Promise<void> {
    await this.writing.catch(() => undefined);
    rmSync(this.path, { force: true });
  }

  private remember(record: JournalRecord) {
    if (record.record === 'upload') {
      this.uploads.set(record.key, record);
    } else if (record.record === 'part') {
      const id = `${record.key}\n${record.uploadId}`;
      const parts = this.parts.get(id) ?? new Map<number, JournalPart>();
      this.parts.set(id, parts);
      parts.set(record.partNumber, record);
    } else {
      let ranges = this.ranges.get(record.key);
      if (
        !ranges ||
        ranges.sizeBytes !== record.sizeBytes ||
        ranges.lastModifiedMs !== record.lastModifiedMs ||
        ranges.rangeSizeBytes !== record.rangeSizeBytes
      ) {
        const { sizeBytes, lastModifiedMs, rangeSizeBytes } = record;
        ranges = { sizeBytes, lastModifiedMs, rangeSizeBytes, done: new Set() };
        this.ranges.set(record.key, ranges);
      }
      ranges.done.add(record.rangeIndex);
    }
  }

  private load() {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return;
    }
    // A line cut short by a crash (the last one) is ignored: what it named is simply moved again.
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const parsed = JournalRecordSchema.safeParse(JSON.parse(line));
        if (parsed.success) this.remember(parsed.data);
      } catch {
        // not JSON: a torn write
      }
    }
  }
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.sizeBytes === b.sizeBytes && a.mtimeMs === b.mtimeMs && a.inode === b.inode && a.sha256Hex === b.sha256Hex;
}
