import { readFileSync } from 'node:fs';

export interface TcpCounters {
  outSegments: number;
  retransmittedSegments: number;
}

/**
 * TCP segment counters of this process's network namespace (Linux `/proc/net/snmp`). Node has no
 * TCP_INFO, so retransmissions are read per namespace: shared with other traffic of the host,
 * good enough as a penalty for loss the extra streams cause. Undefined where not available.
 */
export function readTcpCounters(path = '/proc/net/snmp'): TcpCounters | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [names, values] = text.split('\n').filter((line) => line.startsWith('Tcp:'));
  if (!names || !values) return undefined;
  const nameList = names.split(/\s+/);
  const valueList = values.split(/\s+/);
  const field = (name: string) => Number(valueList[nameList.indexOf(name)]);
  const outSegments = field('OutSegs');
  const retransmittedSegments = field('RetransSegs');
  if (!Number.isFinite(outSegments) || !Number.isFinite(retransmittedSegments)) return undefined;
  return { outSegments, retransmittedSegments };
}
