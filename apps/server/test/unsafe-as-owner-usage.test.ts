import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

/**
 * `unsafeAsOwner` steps outside tenant scoping, so the house rule is that whoever calls it says
 * so in its name: only functions whose names end in `AsService` may. Anonymous callbacks belong
 * to the named function around them.
 */
const SOURCE = join(import.meta.dirname, '../src');
const ROOT = join(import.meta.dirname, '../../..');

interface Use {
  where: string;
  functionName: string;
}

async function listSources(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function nameOf(node: ts.Node): string | undefined {
  if (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node)) &&
    node.name
  ) {
    return node.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    if (ts.isFunctionExpression(node) && node.name) return node.name.text;
    const holder = node.parent;
    if (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) {
      return holder.name.getText();
    }
  }
  return undefined;
}

function enclosingFunctionName(node: ts.Node): string {
  for (let current = node.parent; current; current = current.parent) {
    const name = nameOf(current);
    if (name) return name;
  }
  return '(module top level)';
}

function findUses(path: string, text: string): Use[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const uses: Use[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'unsafeAsOwner') {
      const { line } = file.getLineAndCharacterOfPosition(node.name.getStart());
      uses.push({ where: `${relative(ROOT, path)}:${line + 1}`, functionName: enclosingFunctionName(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return uses;
}

async function findAllUses(): Promise<Use[]> {
  const uses: Use[] = [];
  for (const path of await listSources(SOURCE)) uses.push(...findUses(path, await readFile(path, 'utf8')));
  return uses;
}

it('calls unsafeAsOwner only from functions named …AsService', async () => {
  const uses = await findAllUses();
  expect(uses.length, 'the check found the calls it guards').toBeGreaterThan(0);
  const offenders = uses
    .filter((use) => !use.functionName.endsWith('AsService'))
    .map((use) => `${use.where} in ${use.functionName}`);
  expect(offenders, 'rename the function to …AsService, or move the call into one').toEqual([]);
});

it('names the enclosing function of a call, seeing through anonymous callbacks', () => {
  const source = `
    class Hub {
      async setOnline() { await this.db.unsafeAsOwner((tx) => tx.query('')); }
    }
    export const route = { handler: async () => [1].map(() => db.unsafeAsOwner(list)) };
    export async function pruneAsService() { return db.unsafeAsOwner(prune); }
    db.unsafeAsOwner(boot);`;
  expect(findUses('/x.ts', source).map((use) => use.functionName)).toEqual([
    'setOnline',
    'handler',
    'pruneAsService',
    '(module top level)',
  ]);
});
