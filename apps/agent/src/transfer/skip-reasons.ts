/**
 * Why the destination skipped an entry, as `file-result` reasons say it on the wire. Move mode
 * reads them: only the first two mean the destination compared hashes (or the link's text).
 */
export const SkipReason = {
  identicalFile: 'identical file exists',
  identicalSymlink: 'identical symlink exists',
  /** The quick check: not verified by hash, so a move never deletes on it. */
  sameSizeAndTime: 'same size and modification time',
  folderExists: 'folder exists',
} as const;

export const VERIFIED_SKIP_REASONS: ReadonlySet<string> = new Set([
  SkipReason.identicalFile,
  SkipReason.identicalSymlink,
]);
