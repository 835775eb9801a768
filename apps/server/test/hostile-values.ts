import type { LeafKind, Where } from './route-inputs.ts';

/** A value no route should accept: as JSON (body), or already encoded for a URL (path, query). */
export interface Hostile {
  label: string;
  value: unknown;
}

/** Put into a valid value (one character replaced), so length and format limits alone cannot refuse it. */
const INSIDE = [
  { label: 'a NUL byte', character: '\u0000' },
  { label: 'an escape character', character: '\u001b' },
  { label: 'a lone high surrogate', character: '\ud800' },
  { label: 'a lone low surrogate', character: '\udc00' },
];
const LONG = 'x'.repeat(20_000);

function inside(valid: string, character: string) {
  const middle = Math.floor(valid.length / 2);
  return `${valid.slice(0, middle)}${character}${valid.slice(middle + 1)}`;
}

const WRONG_TYPES: Hostile[] = [
  { label: 'a number', value: 12345 },
  { label: 'a boolean', value: true },
  { label: 'null', value: null },
  { label: 'an object', value: { a: 1 } },
  { label: 'an array', value: ['x'] },
];
const DATES = [
  '0000-01-01T00:00:00Z',
  '0000-12-31T23:00:00-01:00',
  '10000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '2024-01-01T00:00:00',
  '2024-01-01',
  'now',
];
const NUMBERS: Hostile[] = [
  { label: '1e300', value: 1e300 },
  { label: '-1e300', value: -1e300 },
  { label: '2^63', value: 2 ** 63 },
  { label: '2^53', value: 2 ** 53 },
  { label: 'a numeric string', value: '1' },
  { label: 'null', value: null },
  { label: 'a boolean', value: true },
];
const QUERY_NUMBERS = ['1e400', '-1e300', '1e300', '99999999999999999999', 'NaN', 'Infinity', '1.5', 'abc'];
/** Percent-encoded: a lone surrogate as UTF-8, bytes that are not UTF-8, a bad escape. */
const URL_GARBAGE = ['%ED%A0%80', '%FF', '%E2%82', '%'];

export function hostileValues(where: Where, kind: LeafKind, valid: unknown): Hostile[] {
  const text = typeof valid === 'string' ? valid : String(valid);
  if (where === 'body') {
    const strings = [
      ...INSIDE.map(({ label, character }) => ({ label, value: inside(text, character) })),
      { label: 'a very long string', value: LONG },
      ...WRONG_TYPES,
    ];
    if (kind === 'string') return strings;
    if (kind === 'date') return [...DATES.map((date) => ({ label: date, value: date })), ...strings];
    if (kind === 'boolean') return [{ label: 'a string', value: 'true' }, ...WRONG_TYPES.slice(0, 1)];
    return kind === 'integer' ? [...NUMBERS, { label: '1.5', value: 1.5 }] : NUMBERS;
  }
  const middle = Math.floor(text.length / 2);
  const encoded = (character: string) =>
    `${encodeURIComponent(text.slice(0, middle))}${character}${encodeURIComponent(text.slice(middle + 1))}`;
  const urlText = [
    { label: 'a NUL byte', value: encoded('%00') },
    { label: 'an escape character', value: encoded('%1B') },
    { label: 'a very long string', value: LONG.slice(0, 10_000) },
    ...URL_GARBAGE.map((garbage) => ({ label: garbage, value: garbage })),
  ];
  const raw = (texts: string[]) => texts.map((value) => ({ label: value, value }));
  if (kind === 'date') return [...raw(DATES.map(encodeURIComponent)), ...urlText];
  if (kind === 'integer' || kind === 'number') return [...raw(QUERY_NUMBERS), ...urlText];
  return urlText;
}
