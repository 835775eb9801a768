import { createTestDatabase, type TestDatabase } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../src/http/error-handler.ts';

/**
 * Values the database cannot hold (SQLSTATE class 22), raised by the real engine: whatever
 * slips past the edge's schemas is answered 400 in words, without the database's own message
 * (which quotes the value and names types and encodings).
 */
describe('data exceptions from the database', () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
  });
  afterAll(() => testDatabase?.dispose());

  async function refusalOf(statements: Array<[string, unknown[]?]>) {
    try {
      await testDatabase.database.unsafeAsOwner(async (tx) => {
        for (const [text, params] of statements) await tx.query(text, params);
      });
    } catch (error) {
      return { code: (error as { code?: string }).code, appError: toAppError(error) };
    }
    throw new Error('the database accepted it');
  }

  const cases: Array<{ name: string; statements: Array<[string, unknown[]?]>; message: RegExp }> = [
    {
      name: 'year 0000',
      statements: [['select $1::timestamptz', ['0000-01-01T00:00:00Z']]],
      message: /^A date or time is not valid or out of range/,
    },
    {
      name: 'a date that is not one',
      statements: [['select $1::timestamptz', ['yesterday-ish']]],
      message: /^A date or time is not valid/,
    },
    {
      name: 'a malformed id',
      statements: [['select $1::uuid', ['not-an-id']]],
      message: /^A value is not in the form/,
    },
    {
      name: 'an integer too big',
      statements: [['select $1::int', ['3000000000']]],
      message: /^A number is out of range/,
    },
    {
      name: 'NUL in text',
      statements: [['select $1::text', ['a\u0000b']]],
      message: /^Text contains a character that cannot be stored/,
    },
    {
      name: 'a lone surrogate in JSON',
      statements: [['select $1::jsonb', [JSON.stringify({ name: 'a\ud800b' })]]],
      message: /^A value is not in the form/,
    },
    {
      name: 'NUL in JSON',
      statements: [['select $1::jsonb', ['{"reason":"a\\u0000b"}']]],
      message: /^Text contains a character that cannot be stored/,
    },
    {
      name: 'a string too long for its column',
      statements: [['create temp table short_text (v varchar(3))'], ["insert into short_text values ('four')"]],
      message: /^A text value is too long/,
    },
    { name: 'division by zero', statements: [['select 1 / $1::int', [0]]], message: /^A value is not valid/ },
  ];

  it.each(cases)('$name → 400 in words', async ({ statements, message }) => {
    const { code, appError } = await refusalOf(statements);
    expect(code).toMatch(/^22/);
    expect(appError?.status).toBe(400);
    expect(appError?.code).toBe('validation_failed');
    expect(appError?.message).toMatch(message);
    expect(appError?.message).not.toMatch(/0000|3000000000|not-an-id|four|uuid|jsonb|UTF8|varchar|integer/);
  });
});
