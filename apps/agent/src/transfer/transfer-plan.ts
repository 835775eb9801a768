import { MAX_PREVIEW_PATHS, type TransferMode, type TransferPlan } from '@tcpa/contracts';
import type { SkippedSource, SourceEntry } from './collect-sources.ts';
import type { FileOutcome } from './file-outcomes.ts';
import type { DeletedEntry, PlanEntry } from './send-control.ts';

type PlannedFiles = TransferPlan['send'];

/** A list of planned files: counts and bytes of all, paths of the first MAX_PREVIEW_PATHS. */
class PlannedList {
  private readonly files: PlannedFiles = { count: 0, bytes: 0, paths: [], truncated: false };

  add(path: string, size: number): void {
    this.files.count += 1;
    this.files.bytes += size;
    if (this.files.paths.length < MAX_PREVIEW_PATHS) this.files.paths.push({ path, size });
    else this.files.truncated = true;
  }

  get value(): PlannedFiles {
    return this.files;
  }
}

export interface DryRunFacts {
  mode: TransferMode;
  entries: readonly SourceEntry[];
  /** What the destination planned for files it lacks or holds a same-size copy of (its hash). */
  plan: readonly PlanEntry[];
  /** The source's hash of each planned same-size file. */
  hashOf(file: number): string | undefined;
  /** Outcomes the destination reported while planning: identical (skipped) or refused (failed). */
  settled: ReadonlyMap<number, FileOutcome>;
  deletions: readonly DeletedEntry[];
  skippedSources: readonly SkippedSource[];
}

/** What a run would do, from a dry run's exchange (folders are made as needed and not listed). */
export function buildTransferPlan(facts: DryRunFacts): TransferPlan {
  const send = new PlannedList();
  const unchanged = new PlannedList();
  const deleteAtDestination = new PlannedList();
  const deleteAtSource = new PlannedList();
  const skippedSources = facts.skippedSources.map(({ path, reason }) => ({ path, reason }));
  const planned = new Map(facts.plan.map((item) => [item.file, item]));
  for (const entry of facts.entries) {
    if (entry.kind === 'dir') continue;
    const outcome = facts.settled.get(entry.index);
    if (outcome?.status === 'failed') {
      skippedSources.push({
        path: entry.path,
        reason: `would fail: ${outcome.reason ?? 'refused by the destination'}`,
      });
      continue;
    }
    const existing = planned.get(entry.index)?.sha256;
    const identical =
      outcome?.status === 'skipped' || (existing !== undefined && existing === facts.hashOf(entry.index));
    (identical ? unchanged : send).add(entry.path, entry.size);
    if (facts.mode === 'move') deleteAtSource.add(entry.path, entry.size);
  }
  for (const deletion of facts.deletions) deleteAtDestination.add(deletion.path, deletion.size);
  return {
    send: send.value,
    unchanged: unchanged.value,
    deleteAtDestination: deleteAtDestination.value,
    deleteAtSource: deleteAtSource.value,
    skippedSources: skippedSources.slice(0, MAX_PREVIEW_PATHS),
  };
}
