/**
 * Bundles the agent into one file that needs only Node ≥ 20: apps/agent/dist/tcpa-agent.mjs
 * (or --outfile PATH). Run from the repository root: `npm run build:agent`.
 */
import { chmod } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const agentDir = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
const outfile = values.outfile ? resolve(values.outfile) : join(agentDir, 'dist', 'tcpa-agent.mjs');

await build({
  entryPoints: [join(agentDir, 'src', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ws loads these native speed-ups only when installed; the bundle works without them.
  external: ['bufferutil', 'utf-8-validate'],
  banner: {
    // Bundled CommonJS (ws) calls require(); ES modules have none, so make one.
    js: "#!/usr/bin/env node\nimport { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  },
  legalComments: 'eof',
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
console.log(`built ${outfile}`);
