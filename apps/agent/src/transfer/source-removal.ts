import { lstat, realpath, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SourceEntry } from './collect-sources.ts';
import type { FileOutcome } from './file-outcomes.ts';
import { describeIoError } from './io-error.ts';
import { VERIFIED_SKIP_REASONS } from './skip-reasons.ts';

/**
 * Move mode on the source: deletes a file (or link) once the destination verified it by hash,
 * only while it is still the version sent (size and mtime as in the manifest), and only where the
 * walk found it (never the target of a followed link). Folders stay.
 */
export class SourceRemoval {
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    private readonly entries: readonly SourceEntry[],
    /** Real path of each source path, by the name its entries start with. */
    private readonly tops: ReadonlyMap<string, string>,
  ) {}

  static async forPaths(entries: readonly SourceEntry[], paths: readonly string[]): Promise<SourceRemoval> {
    const tops = new Map<string, string>();
    for (const path of paths) {
      const real = await realpath(path).catch(() => undefined);
      if (real && !tops.has(basename(path))) tops.set(basename(path), real);
    }
    return new SourceRemoval(entries, tops);
  }

  /** Called as each entry settles; the outcome is updated once the deletion is done or refused. */
  onSettled(file: number, outcome: FileOutcome): void {
    const entry = this.entries[file];
    if (!entry || entry.kind === 'dir') return;
    const verified =
      outcome.status === 'written' || (outcome.status === 'skipped' && VERIFIED_SKIP_REASONS.has(outcome.reason ?? ''));
    if (!verified) return;
    const work = this.remove(entry, outcome).finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Resolves once every deletion started has ended. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async remove(entry: SourceEntry, outcome: FileOutcome): Promise<void> {
    const keep = (why: string) => {
      outcome.reason = `kept at the source: ${why}`;
    };
    const [name, ...rest] = entry.path.split('/');
    const top = this.tops.get(name ?? '');
    if (!top || entry.source !== join(top, ...rest)) return keep('it was reached through a followed symlink');
    const now = await lstat(entry.source).catch(() => undefined);
    if (!now) return keep('it is no longer there');
    const sameKind = entry.kind === 'symlink' ? now.isSymbolicLink() : now.isFile();
    if (!sameKind || now.mtimeMs !== entry.mtimeMs || (entry.kind === 'file' && now.size !== entry.size)) {
      return keep('it changed after it was read (its size or modification time differ)');
    }
    try {
      await unlink(entry.source);
      outcome.sourceDeleted = true;
    } catch (error) {
      keep(describeIoError(error));
    }
  }
}
