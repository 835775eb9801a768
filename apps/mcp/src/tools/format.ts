/** Numbers in words people read at a glance. */
function scaled(value: number | null | undefined, units: readonly string[], step: number): string {
  if (value === null || value === undefined) return 'unknown';
  let scaledValue = value;
  let unit = 0;
  while (scaledValue >= step && unit < units.length - 1) {
    scaledValue /= step;
    unit += 1;
  }
  return `${scaledValue >= 100 || unit === 0 ? Math.round(scaledValue) : round(scaledValue)} ${units[unit]}`;
}

export function formatBytes(bytes: number | null | undefined): string {
  return scaled(bytes, ['B', 'KiB', 'MiB', 'GiB', 'TiB'], 1024);
}

/** Every `…Bps` field of the API is in bits per second, as network rates are quoted. */
export function formatRate(bitsPerSecond: number | null | undefined): string {
  return scaled(bitsPerSecond, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'], 1000);
}

export function formatAge(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
