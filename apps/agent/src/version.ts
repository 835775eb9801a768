import packageJson from '../package.json' with { type: 'json' };

/** The agent's version, reported at enrolment (bundled into dist by esbuild). */
export const AGENT_VERSION: string = packageJson.version;

export const AGENT_PLATFORM = `${process.platform}-${process.arch}`;
