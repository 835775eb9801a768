import { SESSION_COOKIE_HEADER, SESSION_COOKIE_HEADER_VALUE, type Session } from '@tcpa/contracts';
import type { CookieOptions } from 'hono/utils/cookie';
import { AppError } from '../../http/app-error.ts';
import type { HttpExchange } from '../../http/http-exchange.ts';
import type { ServerDeps } from '../../server-deps.ts';

export const REFRESH_COOKIE = 'tcpa_refresh';
/** Sent with refresh and logout (and the other /auth calls, which ignore it); never with any other request. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** The caller (the dashboard) keeps its refresh token in the cookie rather than in bodies. */
export function wantsSessionCookie(http: HttpExchange): boolean {
  return http.header(SESSION_COOKIE_HEADER) === SESSION_COOKIE_HEADER_VALUE;
}

/** `deliver` of every route that answers with a session: a cookie caller gets the token as a cookie only. */
export function deliverSession(session: Session, http: HttpExchange, deps: Pick<ServerDeps, 'config'>): Session {
  if (!wantsSessionCookie(http) || !session.refreshToken) return session;
  const { refreshToken, ...rest } = session;
  http.setCookie(REFRESH_COOKIE, refreshToken, {
    ...cookieOptions(http),
    maxAge: deps.config.REFRESH_TOKEN_TTL_DAYS * 86_400,
  });
  return rest;
}

export function clearSessionCookie(http: HttpExchange) {
  if (wantsSessionCookie(http)) http.deleteCookie(REFRESH_COOKIE, cookieOptions(http));
}

/**
 * The token refresh and logout act on: the cookie when the caller asked for cookie sessions (the
 * header, which no cross-site form can send, is the CSRF guard beside SameSite=Strict), else the body.
 */
export function presentedRefreshToken(http: HttpExchange, body: { refreshToken?: string | undefined }) {
  if (wantsSessionCookie(http)) {
    if (body.refreshToken !== undefined) {
      throw new AppError(
        'bad_request',
        `Send the refresh token either in the body or, with "${SESSION_COOKIE_HEADER}: ${SESSION_COOKIE_HEADER_VALUE}", in the cookie; not both`,
      );
    }
    return http.cookie(REFRESH_COOKIE);
  }
  if (body.refreshToken === undefined) {
    throw new AppError(
      'validation_failed',
      `Invalid body: refreshToken: required (a browser session sends "${SESSION_COOKIE_HEADER}: ${SESSION_COOKIE_HEADER_VALUE}" and its cookie instead)`,
      [{ in: 'body', path: 'refreshToken', message: 'required' }],
    );
  }
  return body.refreshToken;
}

function cookieOptions(http: HttpExchange): CookieOptions {
  return { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'Strict', secure: keepsSecureCookies(http) };
}

/**
 * Secure wherever the browser would keep a Secure cookie: pages served over https, and loopback
 * hosts, which browsers count as secure contexts (Chromium keeps them on http://localhost and
 * http://127.0.0.1; measured). A page served over plain http to another host (a LAN address) would
 * drop a Secure cookie, signing its user out at every reload and after 15 minutes; there the token
 * already crossed the network in clear in its body before, so leaving out Secure loses nothing. The
 * browser's Origin header names the page (a program without it gets the request's own URL).
 */
function keepsSecureCookies(http: HttpExchange): boolean {
  let page: URL;
  try {
    page = new URL(http.header('origin') ?? http.url);
  } catch {
    return true;
  }
  const host = page.hostname;
  return (
    page.protocol === 'https:' ||
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
