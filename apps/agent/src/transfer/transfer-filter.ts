import { compileFilterPattern, type FilterPatternMatcher, type TransferFilters } from '@tcpa/contracts';

/** An entry met while walking a source path: `path` is inside the source path, `/`-separated. */
export interface FilterEntry {
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  size: number;
}

/**
 * `out`: left out, and a folder is not entered; `in`: taken, and for a folder everything below it
 * is included (its files still pass exclude, hidden and sizes); `walk`: a folder entered whose own
 * entry is sent only if something below it is taken.
 */
export type FilterDecision = 'out' | 'in' | 'walk';

export interface TransferFilter {
  /** Whether everything is included before exclude, hidden and sizes (no include patterns). */
  readonly includesAll: boolean;
  /** `parentIncluded`: the folder it is in was `in`. `named`: a source path itself, never hidden. */
  decide(entry: FilterEntry, parentIncluded: boolean, named?: boolean): FilterDecision;
}

/** The semantics of TransferFiltersSchema, compiled once per transfer. */
export function createTransferFilter(filters: TransferFilters | null | undefined): TransferFilter {
  const include = (filters?.include ?? []).map(compileFilterPattern);
  const exclude = (filters?.exclude ?? []).map(compileFilterPattern);
  const min = filters?.minSizeBytes ?? 0;
  const max = filters?.maxSizeBytes ?? Number.POSITIVE_INFINITY;
  const skipHidden = filters?.skipHidden ?? false;
  const includesAll = include.length === 0;
  const anyMatches = (patterns: FilterPatternMatcher[], entry: FilterEntry) =>
    patterns.some((matches) => matches(entry.path, entry.kind === 'dir'));

  return {
    includesAll,
    decide(entry, parentIncluded, named = false) {
      const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      if (skipHidden && !named && name.startsWith('.')) return 'out';
      if (anyMatches(exclude, entry)) return 'out';
      const included = parentIncluded || includesAll || anyMatches(include, entry);
      if (entry.kind === 'dir') return included ? 'in' : 'walk';
      if (!included) return 'out';
      if (entry.kind === 'file' && (entry.size < min || entry.size > max)) return 'out';
      return 'in';
    },
  };
}
