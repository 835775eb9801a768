#!/usr/bin/env node
// Development launcher: runs the TypeScript sources through tsx (as tcpa-agent's launcher does).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
