import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/env.ts';
import { requestMetaOf } from '../src/http/request-meta.ts';

/** Which address the server takes for a request, behind how many proxies of ours. */
describe('client address', () => {
  const addressSeenBehind = async (hops: number, forwardedFor: string[]) => {
    const app = new Hono();
    app.get('/', (c) => c.text(requestMetaOf(c, hops).ip));
    const headers = new Headers();
    for (const value of forwardedFor) headers.append('x-forwarded-for', value);
    return (await app.request('/', { headers })).text();
  };

  it('takes the entry the outermost of our proxies wrote, not what the client put before it', async () => {
    expect(await addressSeenBehind(1, ['198.51.100.7, 10.0.0.5'])).toBe('10.0.0.5');
    expect(await addressSeenBehind(1, ['10.0.0.5'])).toBe('10.0.0.5');
    expect(await addressSeenBehind(2, ['198.51.100.7, 10.0.0.5, 172.16.0.2'])).toBe('10.0.0.5');
    // Two header lines are one list.
    expect(await addressSeenBehind(2, ['198.51.100.7, 10.0.0.5', '172.16.0.2'])).toBe('10.0.0.5');
    // Fewer entries than proxies: the request skipped the outer ones; the left-most is still ours.
    expect(await addressSeenBehind(3, [' 10.0.0.5 , 172.16.0.2'])).toBe('10.0.0.5');
  });

  it('ignores X-Forwarded-For without proxies of ours', async () => {
    // In process there is no socket: the address is unknown rather than the forged one.
    expect(await addressSeenBehind(0, ['198.51.100.7'])).toBe('unknown');
  });

  it('refuses the old TRUST_PROXY=true, saying what replaces it, and checks the hop count', () => {
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: is replaced by TRUST_PROXY_HOPS: set TRUST_PROXY_HOPS to the number of your own proxies/,
    );
    expect(parseConfig({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' }).TRUST_PROXY_HOPS).toBe(2);
    expect(parseConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY_HOPS).toBe(0);
    expect(parseConfig({}).TRUST_PROXY_HOPS).toBe(0);
    expect(() => parseConfig({ TRUST_PROXY_HOPS: 'one' })).toThrow(
      /TRUST_PROXY_HOPS: must be the number of your own proxies/,
    );
    expect(() => parseConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });
});
