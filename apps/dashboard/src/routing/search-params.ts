/**
 * Search parameters as plain strings (`?next=%2Fp%2F…`), as the dashboard's links have always been
 * written, not the router's default of JSON values (which would quote a token that looks like a number).
 */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (typeof value === 'string') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * `next`: where to go after signing in; only a path on this site. Browsers read `/\host` like
 * `//host` (another site), so a backslash after the first slash is refused as well.
 */
export function validateNextSearch(search: Record<string, unknown>): { next?: string } {
  const next = search.next;
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? { next } : {};
}

export function validateInvitationSearch(search: Record<string, unknown>): { token?: string } {
  return typeof search.token === 'string' ? { token: search.token } : {};
}

/** `token`: the secret of an emailed link (a password reset, an email verification). */
export const validateTokenSearch = validateInvitationSearch;

/** `checkout`: how Stripe Checkout sent the browser back to the Plan page (paid, or canceled). */
export function validatePlanSearch(search: Record<string, unknown>): { checkout?: 'done' | 'canceled' } {
  const checkout = search.checkout;
  return checkout === 'done' || checkout === 'canceled' ? { checkout } : {};
}
