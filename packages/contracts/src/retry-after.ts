/** How long a store's throttling is waited out when it gives no Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 2000;
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** A Retry-After header's seconds (or HTTP date) in ms, at most 10 minutes, or the default. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(Math.round(seconds * 1000), MAX_RETRY_AFTER_MS);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
  }
  return DEFAULT_RETRY_AFTER_MS;
}
