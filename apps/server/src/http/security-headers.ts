import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const SELF = "'self'";
const NONE = "'none'";

/**
 * On every response (dashboard, API docs, API): a Content Security Policy that allows only this
 * origin (no inline script or style, no framing), nosniff, no Referer (invitation links carry
 * their token in the URL), and no framing for browsers that predate frame-ancestors.
 * Images may be data: URLs (Swagger UI's icons, the dashboard's empty favicon).
 * No Strict-Transport-Security: the server speaks plain HTTP; whatever terminates TLS in front
 * of it (PUBLIC_URL) should send it.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: [SELF],
      scriptSrc: [SELF],
      styleSrc: [SELF],
      imgSrc: [SELF, 'data:'],
      connectSrc: [SELF],
      fontSrc: [SELF],
      objectSrc: [NONE],
      baseUri: [NONE],
      formAction: [SELF],
      frameAncestors: [NONE],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
  });
}

/**
 * `Cache-Control: no-store` on every API response that does not say otherwise (only the docs'
 * static assets do). Many carry secrets (tokens, keys, enrolment and invitation secrets) and
 * all are one caller's data; a list of the secret-bearing routes would go stale as routes are
 * added, and caching authorised JSON buys nothing.
 */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
