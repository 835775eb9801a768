/**
 * Figures in alert titles as people read them at a glance: decimal units (as disks are sold and
 * network rates quoted, and as the dashboard shows them), one decimal under 10 (none
 * when it is 0), whole numbers above.
 */
function scaled(value: number, units: readonly string[]): string {
  let scaledValue = value;
  let unit = 0;
  while (scaledValue >= 1000 && unit < units.length - 1) {
    scaledValue /= 1000;
    unit += 1;
  }
  const shown =
    unit > 0 && scaledValue < 9.95 ? String(Number(scaledValue.toFixed(1))) : String(Math.round(scaledValue));
  return `${shown} ${units[unit]}`;
}

/** 3_100_000_000 → "3.1 GB", 74_000_000_000 → "74 GB". */
export function formatBytes(bytes: number): string {
  return scaled(bytes, ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']);
}

/** 12_000_000 → "12 Mbit/s": every `…Bps` of the API is in bits per second. */
export function formatBitRate(bitsPerSecond: number): string {
  return scaled(bitsPerSecond, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s']);
}

/** A share as a percentage with `decimals` decimals, never shown as 0 while it is above 0. */
export function formatPercent(part: number, whole: number, decimals: number): string {
  const exact = (part * 100) / whole;
  const step = 10 ** -decimals;
  const shown = exact > 0 && exact < step ? step : exact;
  return `${shown.toFixed(decimals)}%`;
}
