import type { JobFilters } from '@tcpa/contracts';

/** The filter fields as a form holds them: patterns one per line, sizes in MB as typed. */
export interface FiltersForm {
  include: string;
  exclude: string;
  minSizeMB: string;
  maxSizeMB: string;
  skipHidden: boolean;
  changedSinceLastRun: boolean;
}

export const EMPTY_FILTERS_FORM: FiltersForm = {
  include: '',
  exclude: '',
  minSizeMB: '',
  maxSizeMB: '',
  skipHidden: false,
  changedSinceLastRun: false,
};

const MB = 1_000_000;
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function sizeBytes(text: string, label: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${label} must be a number of MB, 0 or more.`);
  return Math.round(value * MB);
}

/**
 * The filters to send, or null when none is set. Throws an Error worded for the person when a size
 * is not a number or the minimum is above the maximum (the server checks the patterns).
 */
export function filtersFromForm(form: FiltersForm): JobFilters | null {
  const include = lines(form.include);
  const exclude = lines(form.exclude);
  const minSizeBytes = sizeBytes(form.minSizeMB, 'Minimum size');
  const maxSizeBytes = sizeBytes(form.maxSizeMB, 'Maximum size');
  if (minSizeBytes !== undefined && maxSizeBytes !== undefined && minSizeBytes > maxSizeBytes)
    throw new Error('Minimum size must not be more than the maximum size.');
  const filters: JobFilters = {
    ...(include.length > 0 ? { include } : {}),
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(minSizeBytes !== undefined ? { minSizeBytes } : {}),
    ...(maxSizeBytes !== undefined ? { maxSizeBytes } : {}),
    ...(form.skipHidden ? { skipHidden: true } : {}),
    ...(form.changedSinceLastRun ? { changedSinceLastRun: true } : {}),
  };
  return Object.keys(filters).length > 0 ? filters : null;
}

export function filtersToForm(filters: JobFilters | null): FiltersForm {
  if (!filters) return EMPTY_FILTERS_FORM;
  const mb = (bytes: number | undefined) => (bytes === undefined ? '' : String(bytes / MB));
  return {
    include: (filters.include ?? []).join('\n'),
    exclude: (filters.exclude ?? []).join('\n'),
    minSizeMB: mb(filters.minSizeBytes),
    maxSizeMB: mb(filters.maxSizeBytes),
    skipHidden: filters.skipHidden ?? false,
    changedSinceLastRun: filters.changedSinceLastRun ?? false,
  };
}
