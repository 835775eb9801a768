import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type OffLimitsFolder, ROOT_ADVICE, rootProblem } from '../state/off-limits.ts';
import { UsageError } from './parse-options.ts';

/**
 * A transfer root as given on the command line: an existing directory, made absolute, that
 * neither holds nor sits in the agent's own folders; else a UsageError saying which and why.
 */
export function resolveRootOption(root: string, offLimits: readonly OffLimitsFolder[], option = '--root'): string {
  const path = resolve(root);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new UsageError(`${option}: ${path} is not a directory`);
  const problem = rootProblem(path, offLimits);
  if (problem) throw new UsageError(`${option}: ${problem}: ${ROOT_ADVICE}.`);
  return path;
}
