#!/usr/bin/env node
// Development launcher: runs the TypeScript sources through tsx. Machines without the repo get
// the single-file bundle instead (`npm run build:agent` → apps/agent/dist/tcpa-agent.mjs).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
