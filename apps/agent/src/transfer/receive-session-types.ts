import type { TransferFilters, TransferMode } from '@tcpa/contracts';
import type { ManifestEntry, OverwritePolicy } from '@tcpa/contracts/data-channel';
import type { IncomingFile } from './incoming-file.ts';
import type { MirrorDeletion } from './mirror-deletions.ts';
import type { OrderedHash } from './ordered-hash.ts';

/** The shapes a destination's transfer session works with (receive-session.ts). */

export interface FileResult {
  file: number;
  status: 'written' | 'skipped' | 'failed';
  path?: string;
  reason?: string;
  code?: string;
}

export interface FileState {
  entry: ManifestEntry;
  target?: string;
  state: 'receiving' | 'finalizing' | 'done' | 'failed';
  incoming?: Promise<IncomingFile>;
  /** The source's whole-file SHA-256, once it has told it (manifest, chunk or `file-hash`). */
  expected?: string;
  /** skip_identical: the hash of the same-size file already at the target. */
  existing?: string;
  /** An earlier attempt left a partial file or journal. */
  leftovers?: boolean;
  /** Bytes held from an earlier attempt. */
  held?: boolean;
  /** The whole-file hash, fed as chunk bytes arrive (before they are written). */
  hash?: OrderedHash;
}

export interface PlanEntry {
  file: number;
  have: Array<[number, number]>;
  sha256?: string;
  /** Passed the quick check: skipped, told in the plan rather than by a file-result. */
  same?: true;
}

/** How the source asked the transfer to run (its terms). */
export interface PlanOptions {
  overwrite: OverwritePolicy;
  mode?: TransferMode;
  /** Mirror: the source's filters, whose left-out entries are kept. */
  filters?: TransferFilters | null;
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  /** The source reads `same` on plan entries (no file-result per file that passes the quick check). */
  sameInPlan?: boolean;
}

/** What a mirror did once the files were in: what it deleted, or why it deleted nothing. */
export type MirrorOutcome = { deleted: MirrorDeletion[] } | { held: string };

export interface ReceiveSessionOptions {
  transferId: string;
  root: string;
  dir: string;
  /** The top-level names the transfer token allows in `dir` (what its source paths send); nothing else is written. */
  names: ReadonlySet<string>;
  /** Real paths of folders never written into (the agent's state and program). */
  offLimits?: readonly string[];
  onFileResult: (result: FileResult) => void;
}
