import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/** The parts of the HTTP exchange a handler may touch beyond its parsed input: headers and cookies. */
export interface HttpExchange {
  /** The URL the request was sent to, as this server saw it. */
  url: string;
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options: CookieOptions): void;
  deleteCookie(name: string, options: CookieOptions): void;
}

export function httpExchangeOf(c: Context): HttpExchange {
  return {
    url: c.req.url,
    header: (name) => c.req.header(name),
    cookie: (name) => getCookie(c, name),
    setCookie: (name, value, options) => setCookie(c, name, value, options),
    deleteCookie: (name, options) => {
      deleteCookie(c, name, options);
    },
  };
}
