/** The trees part B of `npm run bench:jobs` plans over: many small files in nested folders. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILES_PER_FOLDER = 100;
const FOLDERS_PER_PARENT = 10;

/** A small deterministic generator (mulberry32): the same tree on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Mostly tiny, some up to 64 KiB: like source trees and document folders. */
function sizeOf(next: () => number): number {
  const roll = next();
  if (roll < 0.6) return Math.floor(next() * 2048);
  if (roll < 0.95) return 2048 + Math.floor(next() * 14_336);
  return 16_384 + Math.floor(next() * 49_152);
}

const pathOf = (index: number) => {
  const folder = Math.floor(index / FILES_PER_FOLDER);
  return join(`a${Math.floor(folder / FOLDERS_PER_PARENT)}`, `b${folder % FOLDERS_PER_PARENT}`, `file-${index}.dat`);
};

/** Writes `files` files under `root`; returns their bytes. */
export function writeTree(root: string, files: number): number {
  const next = random(42);
  let bytes = 0;
  const made = new Set<string>();
  for (let index = 0; index < files; index++) {
    const path = join(root, pathOf(index));
    const folder = join(path, '..');
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const size = sizeOf(next);
    const content = Buffer.alloc(size, index % 251);
    writeFileSync(path, content);
    bytes += size;
  }
  return bytes;
}

/** The same tree, same bytes and modification times (`cp -a`), as a destination already holds it. */
export function copyTree(from: string, to: string) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(join(to, '..'), { recursive: true });
  execFileSync('cp', ['-a', from, to]);
}

export interface TreeChanges {
  rewrittenSameSize: number;
  resized: number;
  deleted: number;
  added: number;
}

/**
 * Changes 1 file in 100 at the source: 40% rewritten at the same size (only the modification
 * time tells), 40% grown, 10% deleted (a mirror deletes them at the destination), 10% new.
 */
export function changeOnePercent(root: string, files: number): TreeChanges {
  const changes: TreeChanges = { rewrittenSameSize: 0, resized: 0, deleted: 0, added: 0 };
  const later = new Date(Date.now() + 60_000);
  for (let index = 0; index < files; index += 100) {
    const path = join(root, pathOf(index));
    const kind = (index / 100) % 10;
    if (kind < 4) {
      const { size } = statSync(path);
      writeFileSync(path, Buffer.alloc(size, (index + 1) % 251));
      utimesSync(path, later, later);
      changes.rewrittenSameSize += 1;
    } else if (kind < 8) {
      writeFileSync(path, Buffer.alloc(1000, 7), { flag: 'a' });
      changes.resized += 1;
    } else if (kind === 8) {
      rmSync(path);
      changes.deleted += 1;
    } else {
      writeFileSync(path.replace(/\.dat$/, '-new.dat'), Buffer.alloc(3000, 9));
      changes.added += 1;
    }
  }
  return changes;
}
