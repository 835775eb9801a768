import { once } from 'node:events';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkOutboundUrl,
  type OutboundPolicy,
  OutboundRefusedError,
  parseAllowHosts,
  postOutbound,
} from '../../src/features/notifications/outbound-request.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/http-receiver.ts';
import { selfSignedLocalhost } from './self-signed-localhost.ts';

const noExceptions: OutboundPolicy = { allowHosts: [] };
const secretPath = '/services/T000/B000/s3cr3t-token?key=hidden';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
});

/** The error postOutbound throws for `url` (fails the test when it does not throw). */
async function postError(url: string, policy = noExceptions, options = {}): Promise<Error> {
  const outcome = await postOutbound(url, '{}', {}, policy, options).then(
    (response) => new Error(`expected a refusal, got status ${response.status}`),
    (error: Error) => error,
  );
  if (outcome.message.startsWith('expected a refusal')) throw outcome;
  return outcome;
}

describe('without an allow-list', () => {
  const refused: [string, RegExp][] = [
    ['http://hooks.slack.com/services/x', /only https:\/\//],
    ['http://8.8.8.8/x', /only https:\/\//],
    ['https://127.0.0.1/x', /^127\.0\.0\.1 is a loopback address: only public addresses are allowed/],
    ['https://localhost/x', /localhost resolves to .*loopback/],
    ['https://[::1]/x', /^\[::1\] is a loopback address/],
    ['https://10.1.2.3/x', /private/],
    ['https://192.168.0.1/x', /private/],
    ['https://172.16.0.1/x', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[fe80::1]/x', /link-local/],
    ['https://[fc00::1]/x', /unique-local/],
    ['https://0.0.0.0/x', /unspecified/],
    ['https://[::ffff:127.0.0.1]/x', /resolves to 127\.0\.0\.1, a loopback address/],
    ['https://2130706433/x', /^127\.0\.0\.1 is a loopback address/],
    ['https://0x7f.1/x', /^127\.0\.0\.1 is a loopback address/],
    ['https://[::127.0.0.1]/x', /IPv4-compatible/],
    ['https://100.64.0.1/x', /carrier-grade NAT/],
    ['https://224.0.0.1/x', /multicast/],
    ['https://255.255.255.255/x', /broadcast/],
    ['https://[2002:7f00:1::]/x', /6to4/],
    ['https://[2001::1]/x', /teredo/],
    ['https://user:pass@hooks.example.com/x', /user name or password/],
    ['https://user@hooks.example.com/x', /user name or password/],
    ['ftp://hooks.example.com/x', /only https:\/\//],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, /longer than 2048/],
    ['not a url', /not a valid URL/],
  ];
  it.each(refused)('refuses %s with a reason', async (url, reason) => {
    expect(await checkOutboundUrl(url, noExceptions)).toMatch(reason);
  });
  it.each(refused)('refuses to post to %s, as refused by policy', async (url, reason) => {
    const error = await postError(url);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toMatch(reason);
  });
  it('refuses the receiver itself, over http and over https', async () => {
    expect(await checkOutboundUrl(`${receiver.url}/hook`, noExceptions)).toMatch(/only https/);
    expect(await checkOutboundUrl(`https://${receiver.host}/hook`, noExceptions)).toMatch(/loopback/);
    expect(await postError(`https://localhost:${receiver.port}/hook`)).toBeInstanceOf(OutboundRefusedError);
    expect(receiver.requests).toHaveLength(0);
  });
  it('accepts a public https URL', async () => {
    expect(await checkOutboundUrl('https://8.8.8.8/hook', noExceptions)).toBeUndefined();
    expect(await checkOutboundUrl('https://[2606:4700:4700::1111]/hook', noExceptions)).toBeUndefined();
  });
  it('names the host but never the path or query in a reason', async () => {
    const reason = await checkOutboundUrl(`https://10.0.0.1${secretPath}`, noExceptions);
    expect(reason).toContain('10.0.0.1');
    expect(reason).not.toContain('s3cr3t');
    expect(reason).not.toContain('hidden');
  });
});

describe('parseAllowHosts', () => {
  it('reads names, host:port, addresses and ranges separated by commas or spaces', () => {
    expect(parseAllowHosts(' Hooks.Internal,127.0.0.1:9000  10.0.0.0/8, [::1]:8080 ::1 fd00::/8 ')).toEqual([
      'hooks.internal',
      '127.0.0.1:9000',
      '10.0.0.0/8',
      '[::1]:8080',
      '::1',
      'fd00::/8',
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
    expect(parseAllowHosts('')).toEqual([]);
  });
  it('throws naming an entry it cannot read', () => {
    expect(() => parseAllowHosts('10.0.0.0/99')).toThrow(/"10.0.0.0\/99" is not an IP range/);
    expect(() => parseAllowHosts('hooks.internal:70000')).toThrow(/port above 65535/);
    expect(() => parseAllowHosts('http://hooks.internal/')).toThrow(/not a host name/);
  });
});

describe('with the receiver allow-listed', () => {
  it('posts over http to an allow-listed host:port; the receiver gets the body and headers', async () => {
    const policy = { allowHosts: parseAllowHosts(receiver.host) };
    expect(await checkOutboundUrl(`${receiver.url}/hook`, policy)).toBeUndefined();
    receiver.respond({ status: 202, body: 'accepted' });
    const before = receiver.requests.length;
    const response = await postOutbound(
      `${receiver.url}/hook?x=1`,
      '{"hello":"world"}',
      { 'content-type': 'application/json', 'x-custom': 'yes' },
      policy,
    );
    expect(response).toMatchObject({ status: 202, excerpt: 'accepted' });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    const [request] = (await receiver.waitForRequests(before + 1)).slice(before);
    expect(request).toMatchObject({ method: 'POST', path: '/hook?x=1', body: '{"hello":"world"}' });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-custom': 'yes',
      'content-length': '17',
      host: receiver.host,
    });
  });
  it('allows by port only the port listed', async () => {
    const policy = { allowHosts: [`127.0.0.1:${receiver.port + 1}`] };
    expect(await checkOutboundUrl(`${receiver.url}/hook`, policy)).toMatch(/only https/);
    expect(await checkOutboundUrl(`https://${receiver.host}/hook`, policy)).toMatch(/loopback/);
  });
  it('allows a name resolving into an allow-listed range, and keeps the name as Host', async () => {
    const policy = { allowHosts: ['127.0.0.0/8', '::1'] };
    const before = receiver.requests.length;
    const response = await postOutbound(`http://localhost:${receiver.port}/named`, 'x', {}, policy);
    expect(response.status).toBe(200);
    const [request] = (await receiver.waitForRequests(before + 1)).slice(before);
    expect(request?.headers.host).toBe(`localhost:${receiver.port}`);
  });
  it('posts to a name listed by name', async () => {
    const before = receiver.requests.length;
    const response = await postOutbound(
      `http://localhost:${receiver.port}/by-name`,
      'x',
      {},
      { allowHosts: ['localhost'] },
    );
    expect(response.status).toBe(200);
    expect((await receiver.waitForRequests(before + 1))[before]?.path).toBe('/by-name');
  });
  it('allows a name listed by name', async () => {
    expect(
      await checkOutboundUrl(`http://localhost:${receiver.port}/x`, { allowHosts: ['localhost'] }),
    ).toBeUndefined();
    expect(await checkOutboundUrl(`http://localhost:${receiver.port}/x`, { allowHosts: ['other.host'] })).toMatch(
      /only https/,
    );
  });
  it('does not follow a redirect: a 302 is the answer, and the receiver sees one request', async () => {
    const policy = { allowHosts: [receiver.host] };
    const before = receiver.requests.length;
    receiver.respond({ status: 302, headers: { location: `${receiver.url}/elsewhere` }, body: '' });
    const response = await postOutbound(`${receiver.url}/redirecting`, '{}', {}, policy);
    expect(response.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests.slice(before).map((request) => request.path)).toEqual(['/redirecting']);
  });
  it('times out on a receiver that never answers, within the time given', async () => {
    const policy = { allowHosts: [receiver.host] };
    receiver.respond({ hang: true });
    const started = Date.now();
    const error = await postError(`${receiver.url}${secretPath}`, policy, { timeoutMs: 300 });
    expect(error).not.toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toBe('timed out after 0.3 s');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
  it('reads at most maxExcerptBytes of an endless response, then stops', async () => {
    const policy = { allowHosts: [receiver.host] };
    receiver.respond({ status: 500, endless: true });
    const response = await postOutbound(`${receiver.url}/huge`, '{}', {}, policy, { maxExcerptBytes: 100 });
    expect(response.status).toBe(500);
    expect(response.excerpt).toBe('x'.repeat(100));
    receiver.respond({ status: 200, endless: true });
    const byDefault = await postOutbound(`${receiver.url}/huge`, '{}', {}, policy);
    expect(byDefault.excerpt).toHaveLength(1024);
  });
  it('says the connection was refused, naming the host but not the path', async () => {
    const closed = await startHttpReceiver();
    await closed.close();
    const error = await postError(`${closed.url}${secretPath}`, { allowHosts: [closed.host] });
    expect(error).not.toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toBe(`connection refused by ${closed.host}`);
    expect(error.message).not.toContain('s3cr3t');
  });
  it('names the host only when a DNS name does not exist', async () => {
    const error = await postError(`https://no-such-host.invalid${secretPath}`);
    expect(error).not.toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toMatch(/^no-such-host\.invalid (not found|could not be resolved)/);
    expect(error.message).not.toContain('s3cr3t');
  });
});

describe('over https', () => {
  it('keeps the name for TLS (SNI) while connecting to the checked address, and names a TLS failure', async () => {
    const names: string[] = [];
    const server = createHttpsServer({
      ...selfSignedLocalhost,
      SNICallback: (name, callback) => {
        names.push(name);
        callback(null, createSecureContext(selfSignedLocalhost));
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const error = await postError(`https://localhost:${port}${secretPath}`, { allowHosts: ['localhost'] });
      expect(error).not.toBeInstanceOf(OutboundRefusedError);
      expect(error.message).toBe(`TLS failed with localhost:${port} (DEPTH_ZERO_SELF_SIGNED_CERT)`);
      expect(names).toEqual(['localhost']);
    } finally {
      server.close();
    }
  });
});
