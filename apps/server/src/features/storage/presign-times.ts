/** Presigned URLs live at least a minute and at most 7 days (S3's and GCS's V4 limit). */
const MIN_SECONDS = 60;
const MAX_SECONDS = 7 * 24 * 3600;

/** Seconds from now until `expiresAt` (ms since the epoch), within what a V4 signature allows. */
export function signedSeconds(expiresAt: number, now = Date.now()): number {
  return Math.min(Math.max(Math.round((expiresAt - now) / 1000), MIN_SECONDS), MAX_SECONDS);
}

/** A SHA-256 read back from metadata, if it is one (another tool may have put anything there). */
export function sha256HexOrNull(value: string | undefined | null): string | null {
  const lower = value?.toLowerCase();
  return lower && /^[0-9a-f]{64}$/.test(lower) ? lower : null;
}
