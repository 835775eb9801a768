export const limit = (value: number | null) => (value === null ? 'unlimited' : String(value));
export const interval = (ms: number) => (ms >= 1000 ? `every ${ms / 1000} s` : `${1000 / ms} per second`);
export const price = (cents: number | null) =>
  cents === null ? 'Contact us' : cents === 0 ? 'Free' : `$${(cents / 100).toFixed(0)} a month`;
/** "1 project", "3 projects", "unlimited projects". */
export const limitOf = (value: number | null, noun: string) => `${limit(value)} ${noun}${value === 1 ? '' : 's'}`;
