import type { Job } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { checkCron } from '../src/jobs/cron-schedule.ts';
import { EMPTY_FILTERS_FORM, filtersFromForm, filtersToForm } from '../src/jobs/filters-form.ts';
import { jobBodyFromForm, jobToForm } from '../src/jobs/job-form.ts';

describe('a cron expression as the job editor shows it', () => {
  it('describes it in words and lists the next firings in the chosen time zone', () => {
    const after = new Date('2026-03-28T12:00:00Z');
    const berlin = checkCron('30 2 * * *', 'Europe/Berlin', 3, after);
    if (!berlin.ok) throw new Error(berlin.error);
    expect(berlin.description).toBe('At 02:30');
    // 29 March 2026: Berlin skips 02:00–03:00, croner fires at the first moment after the gap.
    expect(berlin.nextFireTimes.map((time) => time.toISOString())).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
    const utc = checkCron('*/15 9-17 * * 1-5', 'UTC', 2, after);
    expect(utc.ok && utc.nextFireTimes.map((time) => time.toISOString())).toEqual([
      '2026-03-30T09:00:00.000Z',
      '2026-03-30T09:15:00.000Z',
    ]);
    expect(utc.ok && utc.description).toMatch(/Every 15 minutes, between 09:00 and 17:59, Monday through Friday/);
  });

  it('says what is wrong with an expression it cannot use', () => {
    expect(checkCron('', 'UTC')).toEqual({ ok: false, error: expect.stringMatching(/5 fields/) });
    expect(checkCron('0 0 * * * *', 'UTC')).toEqual({ ok: false, error: expect.stringMatching(/6 fields.*needs 5/) });
    expect(checkCron('61 * * * *', 'UTC')).toEqual({ ok: false, error: expect.stringMatching(/^Not a valid cron/) });
    expect(checkCron('0 0 31 2 *', 'UTC')).toEqual({ ok: false, error: 'This expression never fires.' });
  });
});

describe('filters as the forms hold them', () => {
  it('sends nothing when nothing is set, and only what is set otherwise', () => {
    expect(filtersFromForm(EMPTY_FILTERS_FORM)).toBeNull();
    expect(
      filtersFromForm({ ...EMPTY_FILTERS_FORM, include: '*.csv\n\n  reports/ \n', minSizeMB: '0.5', skipHidden: true }),
    ).toEqual({ include: ['*.csv', 'reports/'], minSizeBytes: 500_000, skipHidden: true });
  });

  it('refuses sizes that are not numbers, or a minimum above the maximum', () => {
    expect(() => filtersFromForm({ ...EMPTY_FILTERS_FORM, maxSizeMB: 'lots' })).toThrow(
      /Maximum size must be a number/,
    );
    expect(() => filtersFromForm({ ...EMPTY_FILTERS_FORM, minSizeMB: '5', maxSizeMB: '1' })).toThrow(
      /Minimum size must not be more/,
    );
  });

  it("round-trips a job's filters through the form", () => {
    const filters = { exclude: ['*.tmp', '.cache/'], maxSizeBytes: 2_000_000, changedSinceLastRun: true };
    expect(filtersFromForm(filtersToForm(filters))).toEqual(filters);
  });
});

describe("a job's sides as the editor holds them", () => {
  const job = {
    id: '00000000-0000-4000-8000-000000000001',
    projectId: '00000000-0000-4000-8000-000000000002',
    name: 'nightly upload',
    sourceAgentId: '00000000-0000-4000-8000-000000000003',
    sourcePaths: ['reports', 'logs'],
    sourceLocationId: null,
    sourcePrefix: null,
    destinationAgentId: null,
    destinationDir: null,
    destinationLocationId: '00000000-0000-4000-8000-000000000004',
    destinationPrefix: 'nightly/',
    mode: 'copy',
    overwrite: 'skip_identical',
    symlinks: 'preserve',
    filters: null,
    bandwidthLimitBps: null,
    priority: 5,
    maxAttempts: 3,
    overlap: 'skip',
    catchUpSeconds: 3600,
    enabled: true,
    schedules: [],
    nextFireTimes: [],
    lastRun: null,
    createdAt: '2026-12-07T00:00:00.000Z',
    updatedAt: '2026-12-07T00:00:00.000Z',
  } satisfies Job;

  it('round-trips an upload to a location, and sends a cleared prefix as blank (the whole location)', () => {
    const form = jobToForm(job);
    expect(form.sides).toMatchObject({
      sourceKind: 'agent',
      destinationKind: 'location',
      destinationPrefix: 'nightly/',
    });
    expect(jobBodyFromForm(form)).toMatchObject({
      sourceAgentId: job.sourceAgentId,
      sourcePaths: ['reports', 'logs'],
      destinationLocationId: job.destinationLocationId,
      destinationPrefix: 'nightly/',
    });
    const cleared = jobBodyFromForm({ ...form, sides: { ...form.sides, destinationPrefix: '  ' } });
    expect(cleared).toMatchObject({ destinationLocationId: job.destinationLocationId, destinationPrefix: '' });
    expect(cleared).not.toHaveProperty('destinationAgentId');
  });

  it('says what to fix: a location not chosen, or two locations', () => {
    const form = jobToForm(job);
    expect(() => jobBodyFromForm({ ...form, sides: { ...form.sides, destinationLocationId: '' } })).toThrow(
      'Choose a destination storage location.',
    );
    expect(() =>
      jobBodyFromForm({
        ...form,
        sides: { ...form.sides, sourceKind: 'location', sourceLocationId: job.destinationLocationId },
      }),
    ).toThrow(/An agent must carry the bytes/);
  });
});
