export interface KeyStat {
  key: string;
  exists: boolean;
  sizeBytes: number | null;
  sha256Hex: string | null;
}

export interface StatByListingIo {
  /**
   * One page of the keys directly under `folder` (a prefix ending in '/', or ''), after
   * `startAfter`, in the store's order (UTF-8 bytes); `next` continues it, null at the end.
   */
  listFolder(folder: string, startAfter: string, next: string | null): Promise<{ keys: string[]; next: string | null }>;
  /** One key's size and SHA-256 (metadata a listing does not carry). */
  head(key: string): Promise<KeyStat>;
}

/** Fewer keys than this in one folder are asked for one by one: a listing would not save a request. */
const MIN_KEYS_TO_LIST = 4;
/** A folder crowded with other keys between ours stops being listed here; the rest are asked for. */
const MAX_PAGES_PER_FOLDER = 2;

/**
 * Which keys exist, with size and SHA-256. One request a key (HEAD) is what a store answers
 * slowest, and an upload into a new prefix finds none of them: so the keys of each folder are
 * first looked for in a listing that starts just before the smallest of them, and only those
 * found (whose metadata a listing lacks) or not reached in a couple of pages are asked one by one.
 */
export async function statByListing(keys: readonly string[], io: StatByListingIo): Promise<KeyStat[]> {
  const absent = new Set<string>();
  await Promise.all(
    [...groupByFolder(keys)].map(async ([folder, inFolder]) => {
      if (inFolder.length < MIN_KEYS_TO_LIST) return;
      for (const key of await keysNotListed(folder, inFolder, io)) absent.add(key);
    }),
  );
  return Promise.all(
    keys.map((key) => (absent.has(key) ? { key, exists: false, sizeBytes: null, sha256Hex: null } : io.head(key))),
  );
}

/** The keys of `wanted` the listing reached without finding them. */
async function keysNotListed(folder: string, wanted: string[], io: StatByListingIo): Promise<string[]> {
  const sorted = [...wanted].sort(compareUtf8);
  const largest = sorted.at(-1) as string;
  const found = new Set<string>();
  let reached = '';
  let complete = false;
  let next: string | null = null;
  const startAfter = withoutLastCharacter(sorted[0] as string);
  for (let page = 0; page < MAX_PAGES_PER_FOLDER && !complete; page += 1) {
    const listed = await io.listFolder(folder, startAfter, next);
    for (const key of listed.keys) found.add(key);
    reached = listed.keys.at(-1) ?? reached;
    next = listed.next;
    complete = next === null || compareUtf8(reached, largest) >= 0;
  }
  return sorted.filter((key) => !found.has(key) && (complete || compareUtf8(key, reached) <= 0));
}

function groupByFolder(keys: readonly string[]): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const key of keys) {
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    const inFolder = folders.get(folder);
    if (inFolder) inFolder.push(key);
    else folders.set(folder, [key]);
  }
  return folders;
}

/** A prefix of `key` sorts before it in any order, so a listing after it starts at or before `key`. */
function withoutLastCharacter(key: string): string {
  return Array.from(key).slice(0, -1).join('');
}

/** Stores order keys by their UTF-8 bytes, which JavaScript's `<` (UTF-16 units) does not always match. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
