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
}

/**
 * Files no larger than a part, up to 64: one `put` request gives a URL each (the whole-file hash
 * goes in as metadata), then each is sent whole, in parallel. Resolves with each file's failure
 * (undefined: stored); a failure of the whole batch (the control plane) rejects.
 */
export async function putSmallFiles(
  context: CloudTransferContext,
  files: SmallFile[],
): Promise<Map<string, Error | undefined>> {
  const { ask, signal } = context;
  const requestsFor = async (batch: SmallFile[]) => {
    const answer = await ask(
      {
        op: 'put',
        files: batch.map(({ key, identity }) => ({
          key,
          sizeBytes: identity.sizeBytes,
          sha256Hex: identity.sha256Hex,
        })),
      },
      signal,
    );
    return { checksum: answer.partChecksum, byKey: new Map(answer.requests.map((item) => [item.key, item.request])) };
  };
  const { checksum, byKey } = await requestsFor(files);
  const outcomes = new Map<string, Error | undefined>();
  await runPool(files, context.concurrency, async (file) => {
    try {
      await putOne(context, file, checksum, byKey.get(file.key), async () =>
        (await requestsFor([file])).byKey.get(file.key),
      );
      outcomes.set(file.key, undefined);
    } catch (error) {
      if (signal.aborted) throw error;
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
  const body = await readFile(file.source, { signal: context.signal });
  if (
    body.length !== file.identity.sizeBytes ||
    createHash('sha256').update(body).digest('hex') !== file.identity.sha256Hex
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
