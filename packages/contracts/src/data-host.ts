import { z } from 'zod';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** 0.0.0.0/8 (this network), 169.254.0.0/16 (link-local: cloud metadata), 224.0.0.0/3 (multicast, reserved, broadcast). */
function isUsableIpv4(address: string): boolean {
  const octets = IPV4.exec(address)?.slice(1).map(Number);
  if (!octets || octets.some((octet) => octet > 255)) return false;
  const [first, second] = octets as [number, number];
  return first !== 0 && !(first === 169 && second === 254) && first < 224;
}

/** Not unspecified (::), link-local (fe80::/10), multicast (ff00::/8), nor a mapped IPv4 address that is one of those. */
function isUsableIpv6(address: string): boolean {
  if (/^[0:]*$/.test(address)) return false;
  if (/^fe[89ab]/.test(address) || address.startsWith('ff')) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  return mapped === undefined || isUsableIpv4(mapped);
}

function isUsableHost(host: string): boolean {
  if (z.ipv6().safeParse(host).success) return isUsableIpv6(host);
  if (IPV4.test(host)) return isUsableIpv4(host);
  // A name whose last label is all digits would be read as an address by some resolvers.
  return z.hostname().safeParse(host).success && !host.endsWith('.') && !/(^|\.)\d+$/.test(host);
}

/**
 * Where other agents reach an agent's data channel, when an administrator sets it: a hostname or
 * an IP address, never link-local (where cloud metadata services answer), multicast or
 * unspecified. Without it, senders use the address the control plane sees.
 */
export const DataHostSchema = z.string().trim().toLowerCase().min(1).max(253).refine(isUsableHost, {
  error:
    'dataHost must be a hostname or an IP address other agents can reach (not link-local, multicast or unspecified)',
});
