import { dirname, join } from 'node:path';
import {
  type CloudObject,
  type CloudResult,
  MAX_CLOUD_ITEMS_PER_REQUEST,
  type TransferFileResult,
} from '@tcpa/contracts';
import { syncFileAndFolder } from '../transfer/durable-file.ts';
import { sha256File } from '../transfer/file-hash.ts';
import { type Destination, ensureDirectoryBelow, lstatQuietly, parseRelativePath } from '../transfer/safe-path.ts';
import { SkipReason } from '../transfer/skip-reasons.ts';
import { createTransferFilter } from '../transfer/transfer-filter.ts';
import { failedFile } from './cloud-failures.ts';
import { keyPassesFilters, numberedName } from './cloud-keys.ts';
import type { CloudTransferContext, CloudTransferResult } from './cloud-transfer-types.ts';
import { downloadObject } from './download-object.ts';
import { ListedPaths } from './listed-paths.ts';
import { mirrorLocalDeletions } from './local-mirror.ts';
import { runPool, Slots, sendInPreparedBatches } from './task-pool.ts';

interface Wanted {
  object: CloudObject;
  /** Where it goes, `/`-separated below the destination directory. */
  path: string;
}

/**
 * `download`: reads the store's listing a page at a time (never the whole of it in memory; a
 * mirror keeps 8 bytes a key, `ListedPaths`), takes the keys the filters take, checks each as a relative path
 * from the wire, and writes it below the destination directory without passing through a link.
 * Objects go 64 at a time (one `get_urls` each batch), their ranges in parallel.
 */
export async function runCloudDownload(
  context: CloudTransferContext,
  destination: Destination,
): Promise<CloudTransferResult> {
  const startedAt = performance.now();
  const { args, ask, signal, progress } = context;
  const filter = createTransferFilter(args.filters);
  const results: TransferFileResult[] = [];
  const present = args.mode === 'mirror' ? new ListedPaths() : undefined;
  const totals = { bytesSent: 0, bytesResumed: 0 };
  const slots = new Slots(context.concurrency);
  let cursor: string | null = null;
  do {
    const page: CloudResult<'list'> = await ask({ op: 'list', cursor }, signal);
    cursor = page.cursor;
    const wanted: Wanted[] = [];
    for (const object of page.objects) {
      try {
        parseRelativePath(object.key);
      } catch (error) {
        results.push(failed(object.key, object.sizeBytes, `refused: ${(error as Error).message}`));
        continue;
      }
      if (!keyPassesFilters(filter, object.key, object.sizeBytes, false)) continue;
      if (args.modifiedAfterMs !== null && object.lastModifiedMs <= args.modifiedAfterMs) {
        present?.addKey(object.key);
        continue;
      }
      present?.addKey(object.key);
      wanted.push({ object, path: object.key });
    }
    progress.addTotal(
      wanted.length,
      wanted.reduce((sum, item) => sum + item.object.sizeBytes, 0),
    );
    // keep_both steers clear of the page's own keys: one of them may not be on disk yet.
    const taken = new Set(wanted.map((item) => item.path));
    await sendInPreparedBatches(
      wanted,
      MAX_CLOUD_ITEMS_PER_REQUEST,
      (batch) => prepareBatch(context, destination, batch, taken),
      async (prepared) => {
        results.push(...prepared.results, ...(await downloadBatch(context, destination, prepared, slots, totals)));
      },
    );
  } while (cursor);
  if (present && results.every((file) => file.status !== 'failed')) {
    results.push(...(await mirrorLocalDeletions(destination, present, args.filters)));
  }
  return {
    files: results,
    bytesTotal: progress.bytesTotal,
    ...totals,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

interface PreparedBatch {
  /** Files already failed or skipped. */
  results: TransferFileResult[];
  toGet: Wanted[];
  byKey: Map<string, CloudResult<'get_urls'>['requests'][number]>;
}

function failer(context: CloudTransferContext, results: TransferFileResult[]) {
  return (item: Wanted, error: unknown) => {
    results.push(failedFile(context, item.path, item.object.sizeBytes, error));
  };
}

/** Applies the overwrite policy to a batch and asks for the URLs of what is to be read. */
async function prepareBatch(
  context: CloudTransferContext,
  destination: Destination,
  batch: Wanted[],
  taken: Set<string>,
): Promise<PreparedBatch> {
  const results: TransferFileResult[] = [];
  const toGet = await applyOverwritePolicy(context, destination, batch, results, failer(context, results), taken);
  if (toGet.length === 0) return { results, toGet, byKey: new Map() };
  const { requests } = await context.ask(
    { op: 'get_urls', keys: toGet.map((item) => item.object.key) },
    context.signal,
  );
  return { results, toGet, byKey: new Map(requests.map((item) => [item.key, item])) };
}

async function downloadBatch(
  context: CloudTransferContext,
  destination: Destination,
  { toGet, byKey }: PreparedBatch,
  slots: Slots,
  totals: { bytesSent: number; bytesResumed: number },
): Promise<TransferFileResult[]> {
  const { args, ask, signal } = context;
  const results: TransferFileResult[] = [];
  const fail = failer(context, results);
  const verified: string[] = [];
  await runPool(toGet, context.concurrency, async (item) => {
    try {
      const given = byKey.get(item.object.key);
      if (!given) throw new Error('the control plane gave no URL for this object');
      const target = join(destination.dir, ...item.path.split('/'));
      await ensureDirectoryBelow(destination.dir, dirname(target), destination.offLimits);
      const done = await downloadObject(
        context,
        item.object,
        target,
        {
          request: given.request,
          sha256Header: given.sha256Header,
          askAgain: async () => {
            const again = await ask({ op: 'get_urls', keys: [item.object.key] }, signal);
            const request = again.requests[0]?.request;
            if (!request) throw new Error('the control plane gave no URL for this object');
            return request;
          },
        },
        slots,
      );
      totals.bytesSent += done.bytesSent;
      totals.bytesResumed += done.bytesResumed;
      if (args.mode === 'move') {
        await syncFileAndFolder(target, false);
        verified.push(item.object.key);
      }
      results.push({
        path: item.path,
        size: item.object.sizeBytes,
        sha256: done.sha256Hex,
        status: 'done',
        error: null,
      });
      context.progress.fileDone();
    } catch (error) {
      fail(item, error);
    }
  });
  if (verified.length > 0) {
    // Move out of the store: only what arrived, was checked and is on disk here.
    await ask({ op: 'delete', keys: verified }, signal);
    const moved = new Set(verified);
    for (const file of results) if (moved.has(file.path)) file.sourceDeleted = true;
  }
  return results;
}

/** What is already at each target: skip_identical compares size and SHA-256; keep_both finds a free name. */
async function applyOverwritePolicy(
  context: CloudTransferContext,
  destination: Destination,
  batch: Wanted[],
  results: TransferFileResult[],
  fail: (item: Wanted, error: unknown) => void,
  taken: Set<string>,
): Promise<Wanted[]> {
  const { args, ask, signal } = context;
  const toGet: Wanted[] = [];
  const sameSize: Wanted[] = [];
  for (const item of batch) {
    const local = lstatQuietly(join(destination.dir, ...item.path.split('/')));
    if (!local) toGet.push(item);
    else if (!local.isFile())
      fail(item, new Error(`refused: a ${local.isDirectory() ? 'folder' : 'symlink or special file'} is in the way`));
    else if (args.overwrite === 'overwrite') toGet.push(item);
    else if (args.overwrite === 'keep_both') {
      const path = freeLocalName(destination, item.path, taken);
      taken.add(path);
      toGet.push({ ...item, path });
    } else if (local.size !== item.object.sizeBytes) toGet.push(item);
    else sameSize.push(item);
  }
  if (sameSize.length === 0) return toGet;
  const { objects } = await ask({ op: 'stat', keys: sameSize.map((item) => item.object.key) }, signal);
  const stored = new Map(objects.map((object) => [object.key, object.sha256Hex]));
  for (const item of sameSize) {
    const sha = stored.get(item.object.key);
    const localSha = sha ? await sha256File(join(destination.dir, ...item.path.split('/'))).catch(() => null) : null;
    if (sha && localSha === sha) {
      results.push({
        path: item.path,
        size: item.object.sizeBytes,
        sha256: sha,
        status: 'skipped',
        error: SkipReason.identicalFile,
      });
      context.progress.addBytes(item.object.sizeBytes);
      context.progress.fileDone();
    } else toGet.push(item);
  }
  return toGet;
}

/** keep_both: the first `name (n).ext` neither on disk nor `taken` (written by this transfer, perhaps not yet). */
function freeLocalName(destination: Destination, path: string, taken: ReadonlySet<string>): string {
  for (let n = 1; n < 10_000; n++) {
    const candidate = numberedName(path, n);
    if (!taken.has(candidate) && !lstatQuietly(join(destination.dir, ...candidate.split('/')))) return candidate;
  }
  throw new Error(`no free name next to ${path}`);
}

function failed(path: string, size: number, error: string): TransferFileResult {
  return { path, size, sha256: null, status: 'failed', error };
}
