import picomatch from 'picomatch/posix.js';
import { z } from 'zod';
import { textSchema } from './common.ts';

export const MAX_FILTER_PATTERNS = 100;

/** A pattern compiled once: does it match this path (relative, `/`-separated) of a file or folder? */
export type FilterPatternMatcher = (path: string, isDirectory: boolean) => boolean;

/**
 * Compiles one pattern with gitignore's rules on top of picomatch: without a `/` (a trailing one
 * aside) it matches a name at any depth; with one it is anchored at the root (a leading `/` only
 * anchors); a trailing `/` matches folders only; `*` and `**` match hidden names too. Throws on an
 * unbalanced `[`, `{` or `(`.
 */
export function compileFilterPattern(pattern: string): FilterPatternMatcher {
  const foldersOnly = pattern.endsWith('/');
  const body = foldersOnly ? pattern.slice(0, -1) : pattern;
  const anchored = body.includes('/');
  const glob = anchored ? body.replace(/^\//, '') : `**/${body}`;
  const matches = picomatch(glob, { dot: true, strictBrackets: true });
  return (path, isDirectory) => (!foldersOnly || isDirectory) && matches(path);
}

function isValidPattern(pattern: string): boolean {
  try {
    compileFilterPattern(pattern);
    return true;
  } catch {
    return false;
  }
}

const FilterPatternSchema = textSchema({ min: 1, max: 1024, trim: false })
  .refine((pattern) => !pattern.startsWith('!'), {
    error: 'must not start with "!": put the pattern in exclude instead of negating it',
  })
  .refine((pattern) => pattern.replace(/^\//, '').replace(/\/$/, '') !== '', {
    error: 'must name something: "/" alone matches nothing',
  })
  .refine(isValidPattern, {
    error: 'is not a valid glob: a "[", "{" or "(" is not closed (write "\\[" for the character itself)',
  });

const SizeBytesSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Which files a transfer takes from its source paths, as in a .gitignore. Patterns match the path
 * inside each source path (`photos/2024/a.jpg` sent from `/data/photos` is matched as `2024/a.jpg`;
 * a source path that is a file is matched by its name); see compileFilterPattern for the rules.
 * `include` empty or absent: everything; else a file is taken when it or a folder above it matches
 * one. `exclude` wins over `include`; an excluded folder is not entered at all. Sizes bound files
 * only (inclusive). `skipHidden`: names starting with "." are left out, hidden folders not entered.
 * A source path named explicitly is never left out for being hidden. Files filtered out are not
 * listed in the transfer's files.
 */
export const TransferFiltersSchema = z
  .strictObject({
    include: z.array(FilterPatternSchema).max(MAX_FILTER_PATTERNS).optional(),
    exclude: z.array(FilterPatternSchema).max(MAX_FILTER_PATTERNS).optional(),
    minSizeBytes: SizeBytesSchema.optional(),
    maxSizeBytes: SizeBytesSchema.optional(),
    skipHidden: z.boolean().optional(),
  })
  .refine(
    (filters) =>
      filters.minSizeBytes === undefined ||
      filters.maxSizeBytes === undefined ||
      filters.minSizeBytes <= filters.maxSizeBytes,
    { error: 'minSizeBytes must not be more than maxSizeBytes', path: ['minSizeBytes'] },
  );
export type TransferFilters = z.infer<typeof TransferFiltersSchema>;
