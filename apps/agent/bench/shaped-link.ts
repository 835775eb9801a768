// Two network namespaces joined by a veth pair, each direction shaped to a rate with tc tbf.
import { execFileSync } from 'node:child_process';
import type { Cleanup } from '../../server/bench/cleanup.ts';

export interface ShapedLink {
  source: string;
  destination: string;
  sourceAddress: string;
  destinationAddress: string;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Creates the namespaces (removed by `cleanup`, also on Ctrl-C). Needs root. */
export function createShapedLink(cleanup: Cleanup, rateMbit: number): ShapedLink {
  const tag = `tcpab${process.pid}`;
  const link: ShapedLink = {
    source: `${tag}s`,
    destination: `${tag}d`,
    sourceAddress: '10.213.0.1',
    destinationAddress: '10.213.0.2',
  };
  for (const ns of [link.source, link.destination]) {
    ip('netns', 'add', ns);
    cleanup.add(`delete network namespace ${ns}`, async () => {
      ip('netns', 'del', ns);
    });
  }
  ip('link', 'add', `${tag}a`, 'type', 'veth', 'peer', 'name', `${tag}b`);
  ip('link', 'set', `${tag}a`, 'netns', link.source);
  ip('link', 'set', `${tag}b`, 'netns', link.destination);
  const sides: Array<[string, string, string]> = [
    [link.source, `${tag}a`, link.sourceAddress],
    [link.destination, `${tag}b`, link.destinationAddress],
  ];
  for (const [ns, device, address] of sides) {
    ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', device);
    ip('-n', ns, 'link', 'set', device, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    // Burst of 1 ms at the rate (at least a few full-size packets), queue up to 10 ms.
    const burstBytes = Math.max(64 * 1024, Math.round((rateMbit * 1e6) / 8 / 1000));
    execFileSync('ip', [
      'netns',
      'exec',
      ns,
      'tc',
      'qdisc',
      'add',
      'dev',
      device,
      'root',
      'tbf',
      'rate',
      `${rateMbit}mbit`,
      'burst',
      String(burstBytes),
      'latency',
      '10ms',
    ]);
  }
  return link;
}
