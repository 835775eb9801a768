/**
 * A folder as people have them: thousands of files of many sizes, odd names, an empty file, a
 * 250-byte name, deep paths, symlinks inside and outside the folder, and a FIFO.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RealTree {
  /** Regular files written (the empty one and the long name included). */
  files: number;
  bytes: number;
  /** Paths (relative to the tree) that are not regular files or folders and how they were made. */
  links: { inside: string[]; outside: string[] };
  fifo: string;
  emptyFile: string;
  longName: string;
  deepFile: string;
}

const ODD_NAMES = [
  'with space.txt',
  'ünïcødé-ファイル.txt',
  "quote'single.txt",
  'quote"double.txt',
  '-leading-dash.txt',
  '#hash & amp.txt',
  'emoji-📦.bin',
  'tab\tinside.txt',
  '.hidden',
  'trailing-dot.',
];

/**
 * Writes the tree under `root/name` and returns what it holds. `bigBytes` goes in a few larger
 * files so that a capped transfer takes long enough for faults to land in its middle.
 */
export function writeRealTree(root: string, name: string, options: { files: number; bigBytes: number }): RealTree {
  const top = join(root, name);
  let files = 0;
  let bytes = 0;
  const write = (relative: string, data: Buffer) => {
    writeFileSync(join(top, relative), data);
    files += 1;
    bytes += data.length;
  };
  mkdirSync(top, { recursive: true });

  // Many small files in a hundred folders: 0-8 KiB each, like source trees and node_modules.
  const smallCount = options.files - ODD_NAMES.length - 7; // 4 big, the empty, the long-named and the deep one
  for (let index = 0; index < smallCount; index += 1) {
    const folder = `pkg-${String(index % 100).padStart(3, '0')}`;
    if (index < 100) mkdirSync(join(top, folder), { recursive: true });
    write(join(folder, `file-${index}.js`), randomBytes((index * 7919) % 8192));
  }
  mkdirSync(join(top, 'odd'));
  for (const odd of ODD_NAMES) write(join('odd', odd), randomBytes(100));

  const big = 4;
  mkdirSync(join(top, 'big'));
  for (let index = 0; index < big; index += 1)
    write(join('big', `part-${index}.bin`), randomBytes(options.bigBytes / big));

  const emptyFile = 'odd/empty.txt';
  write(emptyFile, Buffer.alloc(0));
  const longName = `odd/${'n'.repeat(246)}.txt`;
  write(longName, randomBytes(1000));
  const deepFolder = Array.from({ length: 40 }, (_, level) => `level-${level}`).join('/');
  mkdirSync(join(top, deepFolder), { recursive: true });
  const deepFile = `${deepFolder}/deep.txt`;
  write(deepFile, randomBytes(500));

  mkdirSync(join(top, 'links'));
  symlinkSync('../odd/with space.txt', join(top, 'links', 'to-a-file'));
  symlinkSync('../pkg-001', join(top, 'links', 'to-a-folder'));
  symlinkSync('/etc/hostname', join(top, 'links', 'to-outside'));
  const fifo = 'odd/a-fifo';
  execFileSync('mkfifo', [join(top, fifo)]);

  return {
    files,
    bytes,
    links: { inside: ['links/to-a-file', 'links/to-a-folder'], outside: ['links/to-outside'] },
    fifo,
    emptyFile,
    longName,
    deepFile,
  };
}
