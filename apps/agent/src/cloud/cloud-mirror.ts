import type { CloudResult, TransferFileResult } from '@tcpa/contracts';
import { createTransferFilter } from '../transfer/transfer-filter.ts';
import { keyPassesFilters } from './cloud-keys.ts';
import type { CloudTransferContext } from './cloud-transfer-types.ts';

/**
 * Mirror into a store, once every file arrived: deletes, a listed page at a time, the keys below
 * the source paths' names that the source did not send. Keys the filters leave out are kept, as
 * the source never looked at them.
 */
export async function deleteMirroredKeys(
  context: CloudTransferContext,
  names: ReadonlySet<string>,
  present: ReadonlySet<string>,
): Promise<TransferFileResult[]> {
  const filter = createTransferFilter(context.args.filters);
  const deleted: TransferFileResult[] = [];
  let cursor: string | null = null;
  do {
    const page: CloudResult<'list'> = await context.ask({ op: 'list', cursor }, context.signal);
    cursor = page.cursor;
    const extra = page.objects.filter(
      (object) =>
        names.has(object.key.split('/')[0] as string) &&
        !present.has(object.key) &&
        keyPassesFilters(filter, object.key, object.sizeBytes),
    );
    if (extra.length === 0) continue;
    await context.ask({ op: 'delete', keys: extra.map((object) => object.key) }, context.signal);
    for (const object of extra) {
      deleted.push({ path: object.key, size: object.sizeBytes, sha256: null, status: 'deleted', error: null });
    }
  } while (cursor);
  return deleted;
}
