import { z } from 'zod';

export const IdSchema = z.uuid({ error: 'must be an id (UUID)' });

/** C0 and C1 control characters and DEL (NUL, escape, bell…): never part of a name or a path. */
const CONTROL_CHARACTER = /\p{Cc}/u;
/** The same, but tab, line feed and carriage return are allowed: text people write in lines. */
const CONTROL_CHARACTER_BUT_LINES = /(?![\t\n\r])\p{Cc}/u;
/** A surrogate not paired with its other half: not Unicode, and not storable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

export interface TextOptions {
  /** Most characters (UTF-16 code units, as JavaScript and the length limits of the API count). */
  max: number;
  min?: number;
  /** Tabs and line breaks allowed (descriptions, reasons, paths); names and ids are one line. */
  multiline?: boolean;
  /** White space around it removed before the length is checked (names); secrets and paths stay as sent. */
  trim?: boolean;
}

/**
 * The one schema for text from the wire (bodies, queries, realtime messages): well-formed
 * Unicode, no control characters, bounded. PostgreSQL cannot store a NUL byte (22021) and
 * UTF-8 cannot carry a lone surrogate (it became U+FFFD, or a 500 on PGlite).
 */
export function textSchema({ max, min = 0, multiline = false, trim = true }: TextOptions) {
  const base = trim ? z.string().trim() : z.string();
  const sized =
    min > 0 ? base.min(min, { error: min === 1 ? 'must not be empty' : `must be at least ${min} characters` }) : base;
  return sized
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !(multiline ? CONTROL_CHARACTER_BUT_LINES : CONTROL_CHARACTER).test(value), {
      error: multiline
        ? 'must not contain control characters (such as NUL); tabs and line breaks are fine'
        : 'must not contain control characters (such as NUL, tab or line break)',
    })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'must be valid Unicode: it contains half of a character (a lone surrogate)',
    });
}

/**
 * A file or folder path as file systems hold them: every character but NUL (which no file name
 * holds and PostgreSQL cannot store), tabs and line breaks included, well-formed Unicode, bounded.
 */
export function pathTextSchema({ max, min = 0 }: { max: number; min?: number }) {
  const sized = min > 0 ? z.string().min(min, { error: 'must not be empty' }) : z.string();
  return sized
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !value.includes('\0'), { error: 'must not contain a NUL character' })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'must be valid Unicode: it contains half of a character (a lone surrogate)',
    });
}

const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The one schema for a date and time, sent or received: ISO 8601 with `Z` or an offset, as an
 * instant between the years 0001 and 9999 (UTC), which PostgreSQL and JavaScript both hold
 * (PostgreSQL has no year 0000; JavaScript's ISO output has no 5-digit years).
 */
export const TimestampSchema = z.iso
  .datetime({
    offset: true,
    error: 'must be a date and time in ISO 8601 with Z or an offset, e.g. 2030-01-31T12:00:00Z',
  })
  .refine(
    (value) => {
      const instant = Date.parse(value);
      return instant >= EARLIEST && instant <= LATEST;
    },
    { error: 'must be between the years 0001 and 9999 (UTC)' },
  );

export const ErrorCodeSchema = z.enum([
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'plan_limit',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  /** A service this server relies on (Stripe) did not answer or refused: try again later. */
  'upstream_failed',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const OkSchema = z.strictObject({ ok: z.literal(true) });

export const EmailSchema = z
  .email({ error: 'must be an email address' })
  .max(320)
  .transform((email) => email.toLowerCase());

export const PasswordSchema = textSchema({ min: 10, max: 200, trim: false });

export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
