import { DatabaseError } from '@tcpa/db';
import type { Context } from 'hono';
import { AppError } from './app-error.ts';

interface PlanLimitDetail {
  limit: string;
  planId: string;
  planName: string;
  max: number;
  used: number;
  upgradeTo: string | null;
  upgradeToName: string | null;
  upgradeMax: number | null;
}

const SINGULAR: Record<string, string> = { projects: 'project', agents: 'agent' };

function planLimitMessage(detail: PlanLimitDetail): string {
  const noun = detail.max === 1 ? (SINGULAR[detail.limit] ?? detail.limit) : detail.limit;
  const allowance = `Your ${detail.planName} plan allows at most ${detail.max} ${noun}.`;
  if (!detail.upgradeToName) return allowance;
  const upgradeAllowance = detail.upgradeMax === null ? 'unlimited' : `up to ${detail.upgradeMax}`;
  return `${allowance} Upgrade to ${detail.upgradeToName} for ${upgradeAllowance} ${detail.limit}.`;
}

function fromDatabaseError(error: DatabaseError): AppError | undefined {
  switch (error.code) {
    case 'TCPPL': {
      const detail = JSON.parse(error.detail ?? '{}') as PlanLimitDetail;
      return new AppError('plan_limit', planLimitMessage(detail), detail);
    }
    case '23505':
      return new AppError('conflict', 'That already exists', { constraint: error.constraint });
    case '42501':
      return new AppError('forbidden', 'You are not allowed to do that');
    case '23503':
      return new AppError('not_found', 'Something this refers to does not exist');
    case '23514':
      return new AppError('validation_failed', 'A value is out of the allowed range');
    default:
      return error.code.startsWith('22')
        ? new AppError('validation_failed', dataExceptionMessage(error.code))
        : undefined;
  }
}

/**
 * SQLSTATE class 22 (data exception): a value the database cannot hold. The edge's schemas
 * should have refused it; if one slips through it is still the caller's input, so 400 with
 * what kind of value it was, and nothing of the database's own words (they quote the value
 * and name types and encodings).
 */
function dataExceptionMessage(code: string): string {
  switch (code) {
    case '22001':
      return 'A text value is too long: shorten it';
    case '22003':
      return 'A number is out of range: send a smaller one';
    case '22007':
    case '22008':
      return 'A date or time is not valid or out of range: send ISO 8601 between the years 0001 and 9999';
    case '22021':
    case '22P05':
      return 'Text contains a character that cannot be stored (such as NUL): remove it';
    case '22P02':
      return 'A value is not in the form its field needs (such as a number or an id)';
    default:
      return 'A value is not valid for its field: check the input';
  }
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof DatabaseError) return fromDatabaseError(error);
  return undefined;
}

export function errorResponse(c: Context, error: AppError) {
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return c.json(body, error.status as 400);
}
