const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
const BIT_RATE_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];

/** 1234567 with ['B', 'KB', …] → "1.2 MB": three significant digits at most. */
function scaled(value: number | null | undefined, units: readonly string[]): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let scaledValue = value;
  let unit = 0;
  while (Math.abs(scaledValue) >= 1000 && unit < units.length - 1) {
    scaledValue /= 1000;
    unit += 1;
  }
  return `${scaledValue >= 100 || unit === 0 ? Math.round(scaledValue) : scaledValue.toFixed(1)} ${units[unit]}`;
}

export function formatBytes(bytes: number | null | undefined): string {
  return scaled(bytes, BYTE_UNITS);
}

/** Every `…Bps` field of the API is in bits per second, as network rates are quoted. */
export function formatRate(bitsPerSecond: number | null | undefined): string {
  return scaled(bitsPerSecond, BIT_RATE_UNITS);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString();
}

export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}
