import { CloudRelativeKeySchema } from '@tcpa/contracts';
import type { TransferFilter } from '../transfer/transfer-filter.ts';
import type { CloudAsk } from './cloud-requests.ts';

const MAX_KEEP_BOTH_TRIES = 1000;

/**
 * Whether a key is one the transfer's filters take, judged as a walk would (each folder on the
 * way, then the file). `inside`: an upload's keys start with the source path's own name, which
 * the filters do not see; a download's keys are seen whole.
 */
export function keyPassesFilters(filter: TransferFilter, key: string, sizeBytes: number, inside = true): boolean {
  const parts = key.split('/');
  const first = inside ? 1 : 0;
  // A file sent by its own name: never hidden, but the other filters apply (as collectSources judges it).
  if (parts.length === first) return filter.decide({ path: key, kind: 'file', size: sizeBytes }, false, true) === 'in';
  let included = false;
  for (let depth = first + 1; depth < parts.length; depth++) {
    const decision = filter.decide({ path: parts.slice(first, depth).join('/'), kind: 'dir', size: 0 }, included);
    if (decision === 'out') return false;
    if (decision === 'in') included = true;
  }
  return filter.decide({ path: parts.slice(first).join('/'), kind: 'file', size: sizeBytes }, included) === 'in';
}

/** `photos/a.jpg` → `photos/a (1).jpg`, as keep_both names a second copy. */
export function numberedName(path: string, n: number): string {
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${folder}${stem} (${n})${extension}`;
}

export function isValidKey(key: string): boolean {
  return CloudRelativeKeySchema.safeParse(key).success;
}

/**
 * keep_both: the first `name (n).ext` key the store does not hold, asked 64 at a time, and that
 * is none of `taken` (keys this transfer sends or sent: they may not be in the store yet).
 */
export async function freeKey(
  ask: CloudAsk,
  key: string,
  taken: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<string> {
  for (let start = 1; start <= MAX_KEEP_BOTH_TRIES; start += 64) {
    const keys = Array.from({ length: 64 }, (_, index) => numberedName(key, start + index)).filter(
      (candidate) => isValidKey(candidate) && !taken.has(candidate),
    );
    if (keys.length === 0) break;
    const { objects } = await ask({ op: 'stat', keys }, signal);
    const free = keys.find((candidate) => !objects.find((object) => object.key === candidate)?.exists);
    if (free) return free;
  }
  throw new Error(`no free name next to ${key} (tried ${MAX_KEEP_BOTH_TRIES})`);
}
