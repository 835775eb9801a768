/**
 * Browsing an agent's files: one directory inside its roots, a page at a time, read by the agent
 * itself (`agent.list_files`) and answered over its control channel.
 */
import { z } from 'zod';
import { pathTextSchema, TimestampSchema } from './common.ts';

/** Most entries in one page; a page also ends early once its JSON nears LIST_FILES_MAX_BYTES. */
export const LIST_FILES_MAX_LIMIT = 1000;
/**
 * A page's entries take at most this many bytes of JSON, well under the control channel's
 * 256 KiB frame: 1,000 names of 255 bytes, escaped, would be about 600 KiB.
 */
export const LIST_FILES_MAX_BYTES = 160 * 1024;

/** A path relative to the agent's first root, as transfers name paths; '' is that root itself. */
const ListedPathSchema = pathTextSchema({ max: 4096 });
/** Where the next page starts: the last name of this one (entries are sorted by name). */
const CursorSchema = pathTextSchema({ min: 1, max: 1024 });
const LimitSchema = z.number().int().min(1).max(LIST_FILES_MAX_LIMIT);

export const FileEntryTypeSchema = z.enum(['file', 'directory', 'symlink', 'other']);
export type FileEntryType = z.infer<typeof FileEntryTypeSchema>;

export const FileEntrySchema = z.strictObject({
  /** The entry's name in its directory (never a path); symlinks are not followed. */
  name: pathTextSchema({ min: 1, max: 1024 }),
  type: FileEntryTypeSchema,
  /** Bytes, for files; 0 for the rest. */
  size: z.number().int().min(0),
  mtime: TimestampSchema,
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

/** One page of a directory, sorted by name (UTF-16 code units, directories not first). */
export const FileListSchema = z.strictObject({
  path: ListedPathSchema,
  entries: z.array(FileEntrySchema).max(LIST_FILES_MAX_LIMIT),
  /** Pass it as `cursor` for the next page; null on the last one. */
  nextCursor: CursorSchema.nullable(),
});
export type FileList = z.infer<typeof FileListSchema>;

/** `GET /api/v1/projects/{id}/agents/{agentId}/files` */
export const FileListQuerySchema = z.strictObject({
  path: ListedPathSchema.default(''),
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIST_FILES_MAX_LIMIT).default(200),
});
export type FileListQuery = z.infer<typeof FileListQuerySchema>;

export const ListFilesArgsSchema = z.object({
  /** Matches the agent's answer to the request waiting for it. */
  requestId: z.uuid(),
  path: ListedPathSchema,
  cursor: CursorSchema.nullable(),
  limit: LimitSchema,
});
export type ListFilesArgs = z.infer<typeof ListFilesArgsSchema>;
