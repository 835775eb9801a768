import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const agentDir = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_AGENT_BUNDLE = join(agentDir, 'dist', 'tcpa-agent.mjs');

/** Bundles the agent into one executable file that needs only Node ≥ 20. */
export async function buildAgentBundle(outfile: string): Promise<void> {
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
}
