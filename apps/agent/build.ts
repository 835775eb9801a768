/**
 * Bundles the agent into one file that needs only Node ≥ 20: apps/agent/dist/tcpa-agent.mjs
 * (or --outfile PATH). Run from the repository root: `npm run build:agent`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAgentBundle, DEFAULT_AGENT_BUNDLE } from './build-bundle.ts';

const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
const outfile = values.outfile ? resolve(values.outfile) : DEFAULT_AGENT_BUNDLE;
await buildAgentBundle(outfile);
console.log(`built ${outfile}`);
