/** `tcpa admin …`: operator commands run on the server's machine against its database, outside any tenant. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, DataFolderInUseError, migrate, openDatabase } from '@tcpa/db';
import { z } from 'zod';
import { ConfigError, parseConfig } from '../config/env.ts';
import { OperatorError, unsafeListAllCompanies, unsafeSetCompanyPlan } from './operator-companies.sql.ts';

export const ADMIN_USAGE = `Usage: tcpa admin <command>

Operator commands for a self-hosted control plane. They use the server's database, as the
server is configured: DATABASE_URL (PostgreSQL), else the embedded database in TCPA_DATA_DIR
(default .tcpa-data; stop the server first: the embedded database takes one process at a time).

  tcpa admin companies [--json]                         every company: id, name, plan, agents, members
  tcpa admin set-plan --company <id|name> --plan <plan> [--force]
                                                        move a company to a plan (free, starter,
                                                        professional, enterprise); audited. A company
                                                        billed through Stripe only with --force`;

export class AdminUsageError extends Error {
  override name = 'AdminUsageError';
}

const SetPlanSchema = z.strictObject({
  company: z.string({ error: '--company is required (an id or a name)' }).trim().min(1, '--company is empty'),
  plan: z.string({ error: '--plan is required (e.g. enterprise)' }).trim().min(1, '--plan is empty'),
  force: z.boolean().optional(),
});

function parseFlags(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new AdminUsageError((error as Error).message);
  }
}

async function openServerDatabase(): Promise<Database> {
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL) {
    const dataDir = resolve(config.TCPA_DATA_DIR);
    if (!existsSync(dataDir)) {
      throw new OperatorError(
        `there is no embedded database in ${dataDir}: run this where the server runs, with its TCPA_DATA_DIR or DATABASE_URL`,
      );
    }
  }
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: resolve(config.TCPA_DATA_DIR),
    maxConnections: 1,
  });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openServerDatabase();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function printTable(rows: string[][]) {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

async function listCompaniesAsService(args: string[]) {
  const flags = parseFlags(args, { json: { type: 'boolean' } });
  const companies = await withDatabase((database) => database.unsafeAsOwner(unsafeListAllCompanies));
  if (flags.json) {
    console.log(JSON.stringify(companies, null, 2));
    return;
  }
  printTable([
    ['ID', 'NAME', 'PLAN', 'AGENTS', 'MEMBERS'],
    ...companies.map((company) => [
      company.id,
      company.name,
      company.plan,
      String(company.agents),
      String(company.members),
    ]),
  ]);
}

async function setPlanAsService(args: string[]) {
  const parsed = SetPlanSchema.safeParse(
    parseFlags(args, { company: { type: 'string' }, plan: { type: 'string' }, force: { type: 'boolean' } }),
  );
  if (!parsed.success) throw new AdminUsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const { company, plan, force } = parsed.data;
  const change = await withDatabase((database) =>
    database.unsafeAsOwner((owner) => unsafeSetCompanyPlan(owner, company, plan, force)),
  );
  const name = `${change.company.name} (${change.company.id})`;
  console.log(
    change.from === change.to
      ? `${name} is already on the ${change.to} plan: nothing changed`
      : `${name}: plan ${change.from} → ${change.to} (recorded in the company's audit log)`,
  );
}

/** Runs `tcpa admin <args>`; returns the exit code. */
export async function runAdmin(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'companies') await listCompaniesAsService(rest);
    else if (command === 'set-plan') await setPlanAsService(rest);
    else if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      console.log(ADMIN_USAGE);
      return command === undefined ? 2 : 0;
    } else throw new AdminUsageError(`unknown admin command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof AdminUsageError) {
      console.error(`tcpa admin: ${error.message}\n\n${ADMIN_USAGE}`);
      return 2;
    }
    if (error instanceof OperatorError || error instanceof DataFolderInUseError || error instanceof ConfigError) {
      console.error(`tcpa admin: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
