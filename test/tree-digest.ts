import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Every file under `dir` by relative path, with its SHA-256: two trees are byte-exact when these agree. */
export async function treeDigest(dir: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const hash = createHash('sha256');
        await pipeline(createReadStream(path), hash);
        digests.set(relative(dir, path), hash.digest('hex'));
      }
    }
  };
  await walk(dir);
  return digests;
}

/** What differs between two digests, in words (empty when byte-exact). */
export function digestDifferences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const differences: string[] = [];
  for (const [path, digest] of expected) {
    const got = actual.get(path);
    if (got === undefined) differences.push(`missing ${path}`);
    else if (got !== digest) differences.push(`differs ${path}`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) differences.push(`extra ${path}`);
  return differences;
}
