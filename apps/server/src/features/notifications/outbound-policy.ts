import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Hosts a user's URLs may reach although they are not public (from OUTBOUND_ALLOW_HOSTS). */
export interface OutboundPolicy {
  allowHosts: readonly string[];
}

/** Refused by policy: the worker never retries it (the URL must change, or the allow-list). */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

/** Slack and Teams URLs are far shorter; a longer one is a mistake or an attack. */
export const MAX_URL_LENGTH = 2048;

type AllowEntry =
  | { kind: 'name'; host: string }
  | { kind: 'hostPort'; host: string; port: string }
  | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

/**
 * Comma or space separated: `hooks.internal`, `hooks.internal:8080`, `127.0.0.1:9000`,
 * `[::1]:9000`, `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`. Throws on an entry it cannot read.
 */
export function parseAllowHosts(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  for (const entry of entries) readAllowEntry(entry);
  return entries;
}

function readAllowEntry(entry: string): AllowEntry {
  if (/^[0-9a-f:.]+\/\d+$/.test(entry)) {
    try {
      return { kind: 'range', range: ipaddr.parseCIDR(entry) };
    } catch {
      throw new Error(`"${entry}" is not an IP range such as 10.0.0.0/8`);
    }
  }
  if (ipaddr.isValid(entry)) return { kind: 'range', range: wholeAddress(ipaddr.process(entry)) };
  const withPort = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(entry);
  if (withPort?.[1] && withPort[2]) {
    if (Number(withPort[2]) > 65535) throw new Error(`"${entry}" has a port above 65535`);
    return { kind: 'hostPort', host: withPort[1], port: String(Number(withPort[2])) };
  }
  if (!/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(entry)) {
    throw new Error(`"${entry}" is not a host name, host:port, IP address or IP range`);
  }
  return { kind: 'name', host: entry };
}

function wholeAddress(address: ipaddr.IPv4 | ipaddr.IPv6): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** The URL's host as written (IPv6 in brackets), its port (the scheme's default when absent). */
function hostAndPort(url: URL): { host: string; port: string } {
  return { host: url.hostname.toLowerCase(), port: url.port || (url.protocol === 'https:' ? '443' : '80') };
}

function allowedByName(url: URL, entries: AllowEntry[]): boolean {
  const { host, port } = hostAndPort(url);
  return entries.some(
    (entry) =>
      (entry.kind === 'name' && entry.host === host) ||
      (entry.kind === 'hostPort' && entry.host === host && entry.port === port),
  );
}

function inAllowedRange(address: ipaddr.IPv4 | ipaddr.IPv6, entries: AllowEntry[]): boolean {
  return entries.some(
    (entry) => entry.kind === 'range' && entry.range[0].kind() === address.kind() && address.match(entry.range),
  );
}

/** Ranges ipaddr.js counts as unicast although no webhook lives there. */
const MORE_NON_PUBLIC: [string, [ipaddr.IPv4 | ipaddr.IPv6, number]][] = [
  ['benchmarking', ipaddr.parseCIDR('198.18.0.0/15')],
  // Deprecated IPv4-compatible addresses (::127.0.0.1 is ::7f00:1): ipaddr.js calls them unicast.
  ['IPv4-compatible', ipaddr.parseCIDR('::/96')],
  ['discard-only', ipaddr.parseCIDR('100::/64')],
];

/** ipaddr.js range names as a person reads them. */
const RANGE_WORDS: Record<string, string> = {
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'IPv4-embedded',
  '6to4': '6to4',
};

/** Why an address is not public unicast, e.g. `loopback`; undefined when it is. */
function nonPublicRange(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  const range = address.range();
  if (range !== 'unicast') return RANGE_WORDS[range] ?? range;
  return MORE_NON_PUBLIC.find(([, cidr]) => cidr[0].kind() === address.kind() && address.match(cidr))?.[0];
}

/** An address a request may connect to, checked. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** A URL that passed the policy, and the addresses its host resolved to (connect only to these). */
export interface CheckedTarget {
  url: URL;
  /** The host as it may appear in messages (never the path or query: they can be secrets). */
  host: string;
  addresses: CheckedAddress[];
}

/**
 * Applies the policy to a URL and resolves its host. Throws OutboundRefusedError with a reason a
 * person can act on; the reason names the host only.
 */
export async function checkTarget(rawUrl: string, policy: OutboundPolicy): Promise<CheckedTarget> {
  if (rawUrl.length > MAX_URL_LENGTH) {
    throw new OutboundRefusedError(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new OutboundRefusedError('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OutboundRefusedError('only https:// URLs are allowed');
  }
  if (url.username !== '' || url.password !== '') {
    throw new OutboundRefusedError('the URL must not contain a user name or password');
  }
  const host = url.host;
  const entries = policy.allowHosts.map(readAllowEntry);
  const byName = allowedByName(url, entries);
  const hasRanges = entries.some((entry) => entry.kind === 'range');
  if (url.protocol === 'http:' && !byName && !hasRanges) {
    throw new OutboundRefusedError(`only https:// URLs are allowed (http:// only for hosts in OUTBOUND_ALLOW_HOSTS)`);
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  // An IP address as written, after the URL parser's normalising (2130706433 and 0x7f.1 are 127.0.0.1).
  const literal = ipaddr.isValid(hostname) && ipaddr.process(hostname).toString() === hostname;
  const resolved = await resolveHost(hostname, host);
  const addresses: CheckedAddress[] = [];
  let allInRanges = true;
  for (const { address: text } of resolved) {
    // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) reaches the IPv4 address: judge it as one.
    const address = parseAddress(text, host);
    const inRange = inAllowedRange(address, entries);
    allInRanges &&= inRange;
    const nonPublic = nonPublicRange(address);
    if (nonPublic && !byName && !inRange) {
      const what = literal ? `${host} is` : `${host} resolves to ${address.toString()},`;
      throw new OutboundRefusedError(
        `${what} a ${nonPublic} address: only public addresses are allowed (OUTBOUND_ALLOW_HOSTS lists exceptions)`,
      );
    }
    addresses.push({ address: text, family: text.includes(':') ? 6 : 4 });
  }
  if (url.protocol === 'http:' && !byName && !allInRanges) {
    throw new OutboundRefusedError(`only https:// URLs are allowed (http:// only for hosts in OUTBOUND_ALLOW_HOSTS)`);
  }
  return { url, host, addresses };
}

function parseAddress(text: string, host: string): ipaddr.IPv4 | ipaddr.IPv6 {
  try {
    return ipaddr.process(text);
  } catch {
    throw new OutboundRefusedError(`${host} resolves to an address that cannot be checked`);
  }
}

/** A failed lookup is a plain Error: DNS failures pass, so the worker retries them. */
async function resolveHost(hostname: string, host: string): Promise<{ address: string }[]> {
  let resolved: { address: string }[];
  try {
    resolved = await lookup(hostname, { all: true, verbatim: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOTFOUND' ? `${host} not found (DNS)` : `${host} could not be resolved (DNS ${code})`);
  }
  if (resolved.length === 0) throw new Error(`${host} not found (DNS)`);
  return resolved;
}
