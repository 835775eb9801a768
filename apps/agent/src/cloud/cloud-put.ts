import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CloudHttpRequest, PartChecksum } from '@tcpa/contracts';
import { CloudHttpError, sendCloudHttp, urlNeedsRefresh } from './cloud-http.ts';
import type { FileIdentity } from './cloud-journal.ts';
import { partHeaders } from './cloud-multipart.ts';
import type { CloudTransferContext } from './cloud-transfer-types.ts';
import { checkUnchanged, SourceChangedError } from './source-hash.ts';
import { runPool } from './task-pool.ts';

export interface SmallFile {
  source: string;
  key: string;
  identity: FileIdentity;
  /** The bytes hashed, when they were kept: sent as they are, not read again. */
  bytes?: Buffer;
}

/** One URL for each file (its whole-file hash goes in as metadata), and the checksum each part carries. */
export interface PutRequests {
  checksum: PartChecksum;
  byKey: Map<string, CloudHttpRequest>;
}

/** Asks the control plane for a PUT URL for each of up to 64 files no larger than a part. */
export async function askPutRequests(context: CloudTransferContext, files: SmallFile[]): Promise<PutRequests> {
  const answer = await context.ask(
    {
      op: 'put',
      files: files.map(({ key, identity }) => ({ key, sizeBytes: identity.sizeBytes, sha256Hex: identity.sha256Hex })),
    },
    context.signal,
  );
  return { checksum: answer.partChecksum, byKey: new Map(answer.requests.map((item) => [item.key, item.request])) };
}

/**
 * Sends each file whole, in parallel, with the URLs it was given (asked again for one that
 * expired). Resolves with each file's failure (undefined: stored).
 */
export async function putSmallFiles(
  context: CloudTransferContext,
  files: SmallFile[],
  given: PutRequests,
): Promise<Map<string, Error | undefined>> {
  const outcomes = new Map<string, Error | undefined>();
  await runPool(files, context.concurrency, async (file) => {
    try {
      await putOne(context, file, given.checksum, given.byKey.get(file.key), async () =>
        (await askPutRequests(context, [file])).byKey.get(file.key),
      );
      outcomes.set(file.key, undefined);
    } catch (error) {
      if (context.signal.aborted) throw error;
      outcomes.set(file.key, error as Error);
    }
  });
  return outcomes;
}

async function putOne(
  context: CloudTransferContext,
  file: SmallFile,
  checksum: PartChecksum,
  given: CloudHttpRequest | undefined,
  askAgain: () => Promise<CloudHttpRequest | undefined>,
) {
  const body = file.bytes ?? (await readFile(file.source, { signal: context.signal }));
  if (
    !file.bytes &&
    (body.length !== file.identity.sizeBytes ||
      createHash('sha256').update(body).digest('hex') !== file.identity.sha256Hex)
  ) {
    throw new SourceChangedError();
  }
  await context.limiter.take(body.length, context.signal);
  let request = given;
  let refreshed = false;
  if (!request || urlNeedsRefresh(request, context.now())) {
    refreshed = true;
    request = await askAgain();
  }
  if (!request) throw new Error('the control plane gave no URL for this file');
  const options = { body, headers: partHeaders(checksum, body), signal: context.signal };
  let response: Response;
  try {
    response = await sendCloudHttp(request, options);
  } catch (error) {
    if (!(error instanceof CloudHttpError) || !error.expired || refreshed) throw error;
    const again = await askAgain();
    if (!again) throw error;
    response = await sendCloudHttp(again, options);
  }
  await response.body?.cancel();
  await checkUnchanged(file.source, file.identity);
  context.progress.addBytes(body.length);
}
