import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';

const MiB = 1024 * 1024;

export interface CloudDataSet {
  /** Holds `large.bin` alone: the large-file runs send this folder. */
  largeDir: string;
  largeBytes: number;
  /** Holds the small files, 100 to a folder. */
  smallDir: string;
  smallFiles: number;
  smallBytes: number;
}

/** Random bytes (incompressible, so no tool gains by compressing), written without holding them all. */
export async function makeCloudDataSet(root: string, largeMiB: number, smallFiles: number): Promise<CloudDataSet> {
  const largeDir = join(root, 'large');
  const smallDir = join(root, 'small');
  mkdirSync(largeDir, { recursive: true });
  const block = randomBytes(MiB);
  const out = createWriteStream(join(largeDir, 'large.bin'));
  for (let written = 0; written < largeMiB; written += 1) {
    // Each MiB differs (a counter in front), so no part of the file repeats another.
    block.writeUInt32BE(written, 0);
    if (!out.write(Buffer.from(block))) await new Promise<void>((resume) => out.once('drain', () => resume()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  let smallBytes = 0;
  for (let index = 0; index < smallFiles; index += 1) {
    const folder = join(smallDir, `d${String(Math.floor(index / 100)).padStart(3, '0')}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    const size = 1024 + ((index * 7919) % (15 * 1024));
    writeFileSync(join(folder, `f${index}.dat`), randomBytes(size));
    smallBytes += size;
  }
  return { largeDir, largeBytes: largeMiB * MiB, smallDir, smallFiles, smallBytes };
}

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

export const bytesUnder = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
