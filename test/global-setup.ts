import { prepareTestTemplates } from '@tcpa/db/testing';
import { prepareAgentBundle } from './agent-bundle.ts';

export default async function setup() {
  const cleanups = await Promise.all([prepareTestTemplates(), prepareAgentBundle()]);
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
