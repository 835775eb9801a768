import { unlink } from 'node:fs/promises';
import {
  MAX_CLOUD_ITEMS_PER_REQUEST,
  MAX_CLOUD_PART_BYTES,
  MAX_CLOUD_PARTS,
  type TransferFileResult,
} from '@tcpa/contracts';
import { collectSources, type SourceEntry } from '../transfer/collect-sources.ts';
import { SkipReason } from '../transfer/skip-reasons.ts';
import { describeFileFailure, endsTransfer, failedFile } from './cloud-failures.ts';
import { freeKey, isValidKey } from './cloud-keys.ts';
import { deleteMirroredKeys } from './cloud-mirror.ts';
import { uploadMultipart } from './cloud-multipart.ts';
import { askPutRequests, type PutRequests, putSmallFiles, type SmallFile } from './cloud-put.ts';
import type { CloudTransferContext, CloudTransferResult } from './cloud-transfer-types.ts';
import { checkUnchanged, type HashedSource, hashSource } from './source-hash.ts';
import { runPool, sendInPreparedBatches } from './task-pool.ts';

const MIB = 1024 * 1024;
const NO_LINKS = 'a storage location holds no symlinks: choose "follow" to send what it points to';

interface Planned {
  entry: SourceEntry;
  key: string;
  /** Sent in parts (else in one PUT). */
  multipart: boolean;
  partSizeBytes: number;
  hashed?: HashedSource;
}

/**
 * `upload`: walks the source paths as agent transfers do (roots, off-limits, filters, symlink
 * policy) and sends each file to `<last name of the source path>/<path inside it>`, 64 at a time:
 * hashed, compared with the store under skip_identical or renamed under keep_both, then sent whole
 * (no larger than a part) or as a multipart upload. Move deletes a source file once the store has
 * it; mirror deletes keys the source lacks once every file arrived.
 */
export async function runCloudUpload(context: CloudTransferContext, paths: string[]): Promise<CloudTransferResult> {
  const startedAt = performance.now();
  const { args, progress } = context;
  const collected = await collectSources(context.roots, paths, {
    offLimits: context.offLimits,
    symlinks: args.symlinks,
    filters: args.filters,
    modifiedAfterMs: args.modifiedAfterMs,
  });
  const results: TransferFileResult[] = collected.skipped.map((skipped) =>
    result(skipped.path, 0, 'skipped', skipped.reason),
  );
  const files: SourceEntry[] = [];
  for (const entry of collected.entries) {
    if (entry.kind === 'symlink') results.push(result(entry.path, 0, 'skipped', NO_LINKS));
    else if (entry.kind === 'file') {
      if (isValidKey(entry.path)) files.push(entry);
      else results.push(result(entry.path, entry.size, 'failed', 'its name cannot be a key in the store'));
    }
  }
  progress.addTotal(
    files.length,
    files.reduce((sum, entry) => sum + entry.size, 0),
  );
  const totals = { bytesSent: 0, bytesResumed: 0 };
  // keep_both must not pick a name one of the transfer's own files is about to take.
  const taken = new Set(files.map((entry) => entry.path));
  await sendInPreparedBatches(
    files,
    MAX_CLOUD_ITEMS_PER_REQUEST,
    (batch) => prepareBatch(context, batch, taken),
    async (prepared) => {
      results.push(...prepared.results, ...(await sendBatch(context, prepared, totals)));
    },
  );
  const everyFileArrived = results.every((file) => file.status !== 'failed');
  if (args.mode === 'mirror' && everyFileArrived) {
    const present = new Set(files.map((entry) => entry.path));
    const names = new Set(paths.map((path) => path.split(/[\\/]/).at(-1) as string));
    results.push(...(await deleteMirroredKeys(context, names, present)));
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
  /** Sent whole, with these URLs (or this failure of asking for them). */
  small: Planned[];
  putRequests: PutRequests | Error | undefined;
  /** Sent in parts. */
  large: Planned[];
}

/** Hashes a batch (the store is asked with each file's SHA-256), applies the overwrite policy, asks for PUT URLs. */
async function prepareBatch(
  context: CloudTransferContext,
  batch: SourceEntry[],
  taken: Set<string>,
): Promise<PreparedBatch> {
  const results: TransferFileResult[] = [];
  const hashed: Planned[] = [];
  await runPool(
    batch,
    () => 2,
    async (entry) => {
      const partSize = context.journal.partSizeOf(entry.path) ?? context.partSizeBytes();
      const planned: Planned = {
        entry,
        key: entry.path,
        multipart: entry.size > partSize,
        partSizeBytes: partSizeFor(entry.size, partSize),
      };
      try {
        planned.hashed = await hashSource(entry.source, planned.multipart ? planned.partSizeBytes : 0, context.signal);
        hashed.push(planned);
      } catch (error) {
        results.push(failedFile(context, planned.key, planned.entry.size, error));
      }
    },
  );
  const toSend = await applyOverwritePolicy(context, hashed, results, taken);
  const small = toSend.filter((planned) => !planned.multipart);
  let putRequests: PutRequests | Error | undefined;
  if (small.length > 0) {
    try {
      putRequests = await askPutRequests(context, small.map(smallFileOf));
    } catch (error) {
      if (endsTransfer(error, context.signal)) throw error;
      putRequests = error as Error;
    }
  }
  return { results, small, putRequests, large: toSend.filter((planned) => planned.multipart) };
}

const smallFileOf = (planned: Planned): SmallFile => ({
  source: planned.entry.source,
  key: planned.key,
  identity: (planned.hashed as HashedSource).identity,
  bytes: planned.hashed?.bytes,
});

async function sendBatch(
  context: CloudTransferContext,
  prepared: PreparedBatch,
  totals: { bytesSent: number; bytesResumed: number },
): Promise<TransferFileResult[]> {
  const { args } = context;
  const results: TransferFileResult[] = [];
  const stored: Planned[] = [];
  const { small, putRequests } = prepared;
  if (small.length > 0 && putRequests) {
    const outcomes =
      putRequests instanceof Error
        ? new Map(small.map((planned) => [planned.key, putRequests]))
        : await putSmallFiles(context, small.map(smallFileOf), putRequests);
    for (const planned of small) {
      const error = outcomes.get(planned.key);
      if (error) results.push(failedFile(context, planned.key, planned.entry.size, error));
      else {
        totals.bytesSent += planned.entry.size;
        stored.push(planned);
      }
    }
  }
  for (const planned of prepared.large) {
    try {
      const stats = await uploadMultipart(
        context,
        planned.entry.source,
        planned.key,
        planned.hashed as HashedSource,
        planned.partSizeBytes,
      );
      totals.bytesSent += stats.bytesSent;
      totals.bytesResumed += stats.bytesResumed;
      stored.push(planned);
    } catch (error) {
      results.push(failedFile(context, planned.key, planned.entry.size, error));
    }
  }
  for (const planned of stored) {
    const sha256 = planned.hashed?.identity.sha256Hex ?? null;
    const deleted = args.mode === 'move' ? await removeSource(context, planned) : undefined;
    results.push({
      ...result(planned.key, planned.entry.size, deleted?.error ? 'failed' : 'done', deleted?.error ?? null),
      sha256,
      ...(deleted?.removed ? { sourceDeleted: true } : {}),
    });
    context.progress.fileDone();
  }
  return results;
}

/** skip_identical: same size and SHA-256 in the store → skipped; keep_both: a free `name (n).ext` key. */
async function applyOverwritePolicy(
  context: CloudTransferContext,
  planned: Planned[],
  results: TransferFileResult[],
  taken: Set<string>,
): Promise<Planned[]> {
  const { args, ask, signal } = context;
  if (args.overwrite === 'overwrite' || planned.length === 0) return planned;
  const { objects } = await ask({ op: 'stat', keys: planned.map((item) => item.key) }, signal);
  const byKey = new Map(objects.map((object) => [object.key, object]));
  const toSend: Planned[] = [];
  for (const item of planned) {
    const existing = byKey.get(item.key);
    const identity = (item.hashed as HashedSource).identity;
    if (!existing?.exists) toSend.push(item);
    else if (args.overwrite === 'skip_identical') {
      if (existing.sizeBytes === identity.sizeBytes && existing.sha256Hex === identity.sha256Hex) {
        results.push({
          ...result(item.key, item.entry.size, 'skipped', SkipReason.identicalFile),
          sha256: identity.sha256Hex,
        });
        context.progress.addBytes(item.entry.size);
        context.progress.fileDone();
      } else toSend.push(item);
    } else {
      const key = await freeKey(ask, item.key, taken, signal);
      taken.add(key);
      toSend.push({ ...item, key });
    }
  }
  return toSend;
}

async function removeSource(context: CloudTransferContext, planned: Planned) {
  try {
    await checkUnchanged(planned.entry.source, (planned.hashed as HashedSource).identity);
    await unlink(planned.entry.source);
    return { removed: true };
  } catch (error) {
    return {
      removed: false,
      error: `stored, but the source file was not deleted: ${describeFileFailure(error, context.args.storeLabel)}`,
    };
  }
}

/** The transfer's part size, raised for a file that would need more than 10,000 parts (whole MiB). */
export function partSizeFor(sizeBytes: number, partSizeBytes: number): number {
  if (sizeBytes <= partSizeBytes * MAX_CLOUD_PARTS) return partSizeBytes;
  return Math.min(MAX_CLOUD_PART_BYTES, Math.ceil(sizeBytes / MAX_CLOUD_PARTS / MIB) * MIB);
}

function result(
  path: string,
  size: number,
  status: TransferFileResult['status'],
  error: string | null,
): TransferFileResult {
  return { path, size, sha256: null, status, error };
}
