/**
 * Reads a V8 CPU profile (.cpuprofile, as written by `node --cpu-prof` or the inspector) and
 * says where the time went: self time by area (a package, node internals, a repository file,
 * garbage collection) and the hottest functions by self and by inclusive time.
 *
 * Also a command: `node --import tsx apps/server/bench/cpu-profile.ts <file.cpuprofile> [top]`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { REPO_ROOT } from './child-process.ts';
import { table } from './report.ts';

const CpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

interface FunctionTime {
  name: string;
  area: string;
  selfMs: number;
  totalMs: number;
}

/** Where a function lives: a package, node itself, a file of this repository, or the VM. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native / builtins)';
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [scope = '', name = ''] = path.slice(inModules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (path.startsWith('node:')) return `node:${path.slice(5).split('/').slice(0, 2).join('/')}`;
  if (path.startsWith(REPO_ROOT)) return path.slice(REPO_ROOT.length);
  return path;
}

export interface ProfileSummary {
  /** Sampled wall time, and the part that was not idle. */
  totalMs: number;
  busyMs: number;
  areas: Array<{ area: string; selfMs: number }>;
  functions: FunctionTime[];
}

export function summariseProfile(path: string): ProfileSummary {
  const profile = CpuProfileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keyOf = (id: number) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return '?';
    return `${frame.functionName || '(anonymous)'} ${areaOf(frame.url, frame.functionName)}:${frame.lineNumber + 1}`;
  };

  const functions = new Map<string, FunctionTime>();
  const entry = (id: number) => {
    const key = keyOf(id);
    let found = functions.get(key);
    if (!found) {
      const frame = byId.get(id)?.callFrame;
      found = {
        name: `${frame?.functionName || '(anonymous)'}${frame?.url ? `:${(frame.lineNumber ?? 0) + 1}` : ''}`,
        area: areaOf(frame?.url ?? '', frame?.functionName ?? ''),
        selfMs: 0,
        totalMs: 0,
      };
      functions.set(key, found);
    }
    return found;
  };

  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, index) => {
    // The time until the next sample belongs to this one.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    totalMs += ms;
    const self = entry(id);
    self.selfMs += ms;
    if (self.area === '(idle)') idleMs += ms;
    const seen = new Set<FunctionTime>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const fn = entry(at);
      if (!seen.has(fn)) {
        seen.add(fn);
        fn.totalMs += ms;
      }
    }
  });

  const areas = new Map<string, number>();
  for (const fn of functions.values()) areas.set(fn.area, (areas.get(fn.area) ?? 0) + fn.selfMs);
  return {
    totalMs,
    busyMs: totalMs - idleMs,
    areas: [...areas].map(([area, selfMs]) => ({ area, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
    functions: [...functions.values()].filter((fn) => !['(root)', '(idle)'].includes(fn.area)),
  };
}

export function formatProfile(summary: ProfileSummary, top = 20): string {
  const pct = (ms: number) => `${((ms / summary.busyMs) * 100).toFixed(1)}%`;
  const fnRows = (rows: FunctionTime[]) =>
    rows.map((fn) => [
      fn.name.slice(0, 60),
      fn.area.slice(0, 58),
      fn.selfMs.toFixed(0),
      pct(fn.selfMs),
      pct(fn.totalMs),
    ]);
  const bySelf = [...summary.functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  const byTotal = [...summary.functions]
    .filter((fn) => !fn.area.startsWith('('))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top);
  return [
    `CPU profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.busyMs / 1000).toFixed(1)} s busy ` +
      `(${((summary.busyMs / summary.totalMs) * 100).toFixed(0)}% of one core); shares below are of the busy time`,
    '',
    table([
      ['self time by area', 'ms', 'share'],
      ...summary.areas
        .filter((area) => area.area !== '(idle)')
        .slice(0, top)
        .map((area) => [area.area.slice(0, 70), area.selfMs.toFixed(0), pct(area.selfMs)]),
    ]),
    '',
    table([['hottest functions (self)', 'area', 'self ms', 'self', 'incl.'], ...fnRows(bySelf)]),
    '',
    table([['hottest functions (inclusive)', 'area', 'self ms', 'self', 'incl.'], ...fnRows(byTotal)]),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx apps/server/bench/cpu-profile.ts <file.cpuprofile> [top]');
    process.exitCode = 2;
  } else {
    console.log(formatProfile(summariseProfile(file), Number(top ?? 20)));
  }
}
