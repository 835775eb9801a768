import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
