import { AlertConditionSchema } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { CONDITION_NAMES, describeCondition, OFFERED_CONDITIONS } from '../src/alerts/conditions.ts';
import { parseRecipients } from '../src/integrations/channel-kinds.ts';
import { describeEventTypes } from '../src/integrations/event-types-field.tsx';

describe('alert rules and channels as the dashboard words them', () => {
  it('offers every condition the server evaluates, each named', () => {
    expect([...OFFERED_CONDITIONS].sort()).toEqual([...AlertConditionSchema.options].sort());
    for (const condition of AlertConditionSchema.options) expect(CONDITION_NAMES[condition]).toMatch(/^[A-Z]/);
  });

  it('describes a rule with its parameter, or the server default when it has none', () => {
    expect(describeCondition({ condition: 'agent_offline', forMinutes: 10, threshold: null })).toBe(
      'An agent is offline for 10 minutes',
    );
    expect(describeCondition({ condition: 'agent_offline', forMinutes: 1, threshold: null })).toBe(
      'An agent is offline for 1 minute',
    );
    expect(describeCondition({ condition: 'agent_offline', forMinutes: 0, threshold: null })).toBe(
      'An agent is offline (at once)',
    );
    expect(describeCondition({ condition: 'agent_offline', forMinutes: null, threshold: null })).toBe(
      'An agent is offline for 5 minutes',
    );
    expect(describeCondition({ condition: 'plan_usage', forMinutes: null, threshold: 90 })).toBe(
      'Plan usage is high: 90% of a limit',
    );
    expect(describeCondition({ condition: 'disk_space_low', forMinutes: null, threshold: 5 })).toBe(
      'Disk space is low: under 5% free',
    );
    expect(describeCondition({ condition: 'transfer_slow', forMinutes: 10, threshold: 50 })).toBe(
      "A transfer is slow: under 50% of its path's usual rate for 10 minutes",
    );
    expect(describeCondition({ condition: 'transfer_failed', forMinutes: null, threshold: null })).toBe(
      'A transfer failed',
    );
  });

  it('reads recipients separated by commas, semicolons or lines', () => {
    expect(parseRecipients(' a@x.test, b@y.test;c@z.test\n\nd@w.test ,')).toEqual([
      'a@x.test',
      'b@y.test',
      'c@z.test',
      'd@w.test',
    ]);
  });

  it("names a webhook's event groups in words and single types as they are", () => {
    expect(describeEventTypes(['*'])).toBe('Every event');
    expect(describeEventTypes(['job.*', 'agent.offline'])).toBe('Every job event, agent.offline');
  });
});
