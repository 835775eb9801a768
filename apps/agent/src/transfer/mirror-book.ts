import type { TransferFilters } from '@tcpa/contracts';
import type { ManifestEntry } from '@tcpa/contracts/data-channel';
import { FrameError } from './frame-codec.ts';
import { deleteMirrorEntries, listMirrorDeletions, type MirrorDeletion } from './mirror-deletions.ts';
import type { FileState, MirrorOutcome, ReceiveSessionOptions } from './receive-session-types.ts';

const MAX_KEPT = 1_000_000;

/** What a destination's session notes for a mirror: the paths the source keeps, where entries landed. */
export class MirrorBook {
  private readonly kept = new Set<string>();
  /** Where entries landed (keep_both may have renamed them): a mirror deletes none of them. */
  private readonly landedPaths = new Set<string>();

  /** Paths the source holds without sending them (`keep` frames); never deleted. */
  keep(paths: readonly string[]): void {
    for (const path of paths) this.kept.add(path);
    if (this.kept.size > MAX_KEPT) throw new FrameError('bad_frame', `over ${MAX_KEPT} kept paths`);
  }

  landed(path: string): void {
    this.landedPaths.add(path);
  }

  /** What the source lacks below the folders the token allows (nothing is deleted here). */
  listDeletions(
    scope: Pick<ReceiveSessionOptions, 'dir' | 'names' | 'offLimits'>,
    entries: Iterable<ManifestEntry>,
    filters: TransferFilters | null,
  ): Promise<MirrorDeletion[]> {
    const present = new Set(this.landedPaths);
    for (const entry of entries) present.add(entry.path);
    return listMirrorDeletions({
      dir: scope.dir,
      names: scope.names,
      present,
      keep: this.kept,
      filters,
      offLimits: scope.offLimits ?? [],
    });
  }

  /** Once every file has its result: deletes what the source lacks, unless an entry did not arrive. */
  async mirror(
    scope: Pick<ReceiveSessionOptions, 'dir' | 'names' | 'offLimits'>,
    entries: ReadonlyMap<number, ManifestEntry>,
    files: Iterable<FileState>,
    filters: TransferFilters | null,
  ): Promise<MirrorOutcome> {
    const states = [...files];
    const failed = states.filter((state) => state.state !== 'done').length;
    if (failed > 0 || states.length !== entries.size) {
      return { held: `deletions held back: ${failed} of ${entries.size} entries did not arrive` };
    }
    return {
      deleted: await deleteMirrorEntries(scope.dir, await this.listDeletions(scope, entries.values(), filters)),
    };
  }
}
