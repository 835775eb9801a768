import { resolve } from 'node:path';
import { z } from 'zod';
import type { CliIo } from '../cli/cli-io.ts';
import { ExitCode } from '../cli/exit-codes.ts';
import { parseCommandLine, UsageError } from '../cli/parse-options.ts';
import { resolveRootOption } from '../cli/root-option.ts';
import { readAgentState, StateFileError, writeAgentState } from '../state/agent-state.ts';
import { offLimitsOf, usableRoots } from '../state/off-limits.ts';
import { RunLock } from '../state/run-lock.ts';
import { resolveStateDir } from '../state/state-paths.ts';

const RootsOptionsSchema = z.strictObject({ 'state-dir': z.string().min(1).optional() });
const OPTIONS = { 'state-dir': { type: 'string' } } as const;

/** `tcpa-agent roots [list] | add DIR… | remove DIR…`: the folders transfers may use, without enrolling again. */
export async function rootsCommand(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const parsed = parseCommandLine(args, OPTIONS, RootsOptionsSchema);
  if (parsed === 'help') return 'help';
  const [action = 'list', ...paths] = parsed.positionals;
  if (!['list', 'add', 'remove'].includes(action))
    throw new UsageError(`unknown action "${action}" (list, add or remove)`);
  if (action === 'list' && paths.length > 0) throw new UsageError('list takes no folders');
  if (action !== 'list' && paths.length === 0) throw new UsageError(`${action} needs at least one folder`);
  const stateDir = resolveStateDir(parsed.options['state-dir'], io.env);
  let state: ReturnType<typeof readAgentState>;
  try {
    state = readAgentState(stateDir);
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    io.stderr(`${error.message}\n`);
    return ExitCode.failure;
  }
  const offLimits = offLimitsOf(stateDir);
  if (action === 'list') {
    const { refused } = usableRoots(state.roots, offLimits);
    if (state.roots.length === 0) io.stdout('No transfer root: this agent refuses transfers.\n');
    for (const root of state.roots) {
      const problem = refused.find((entry) => entry.root === root)?.problem;
      io.stdout(problem ? `${root} (not served: ${problem})\n` : `${root}\n`);
    }
    return ExitCode.ok;
  }

  const given = paths.map((path) => (action === 'add' ? resolveRootOption(path, offLimits, 'add') : resolve(path)));
  let lock: RunLock;
  try {
    // The running agent rewrites agent.json (status, config) from what it read at start.
    lock = RunLock.acquire(stateDir);
  } catch (error) {
    io.stderr(`${(error as Error).message}: stop it, change the roots, then start it again.\n`);
    return ExitCode.failure;
  }
  try {
    const current = readAgentState(stateDir);
    const missing = given.filter((path) => !current.roots.includes(path));
    if (action === 'remove' && missing.length > 0) {
      io.stderr(`Not a root of this agent: ${missing.join(', ')}. Its roots: ${current.roots.join(', ') || 'none'}.\n`);
      return ExitCode.failure;
    }
    const roots =
      action === 'add'
        ? [...current.roots, ...new Set(missing)]
        : current.roots.filter((root) => !given.includes(root));
    writeAgentState(stateDir, { ...current, roots });
    io.stdout(
      roots.length > 0
        ? `Transfer roots: ${roots.join(', ')}.\n`
        : 'No transfer root left: this agent refuses transfers until you add one.\n',
    );
    io.stdout('The agent uses them from its next start (`tcpa-agent run`).\n');
    return ExitCode.ok;
  } finally {
    lock.release();
  }
}
