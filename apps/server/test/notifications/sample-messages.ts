import type { NotificationMessage } from '../../src/features/notifications/notification-message.ts';

/** One agent offline: what the alert engine sends most. */
export const agentOffline: NotificationMessage = {
  kind: 'alert_opened',
  severity: 'critical',
  title: 'Agent "web-1" offline for 5 minutes',
  text: 'The agent stopped sending heartbeats at 09:12 UTC. Transfers to and from it wait until it is back.',
  facts: [
    { name: 'Project', value: 'Prod' },
    { name: 'Agent', value: 'web-1' },
    { name: 'Since', value: '2026-12-07 09:12 UTC' },
  ],
  link: { label: 'Open agent', url: 'https://tcpa.example.com/projects/p1/agents/a1' },
};

/** A burst: 200 agents, of which 20 are listed. */
export const manyOffline: NotificationMessage = {
  kind: 'alert_opened',
  severity: 'warning',
  title: '200 agents offline in project "Prod"',
  text: 'Many agents went offline within a minute: a network outage is likely.',
  facts: [{ name: 'Project', value: 'Prod' }],
  items: Array.from({ length: 20 }, (_, index) => `agent-${index + 1}`),
  moreCount: 180,
  link: { label: 'Open agents', url: 'https://tcpa.example.com/projects/p1/agents?status=offline' },
};

/** Values a user controls, written to break markup. */
export const hostile: NotificationMessage = {
  kind: 'notice',
  severity: 'info',
  title: 'Agent <script>alert(1)</script> & "friends" <!channel>',
  text: `<b>bold</b> & <@U123> ${'long '.repeat(2000)}`,
  facts: Array.from({ length: 25 }, (_, index) => ({ name: `Fact <${index}>`, value: `value & ${index}` })),
  items: Array.from({ length: 30 }, (_, index) => `item <${index}>`),
  link: { label: 'Open', url: 'https://tcpa.example.com/x?a=1&b=<2>' },
};
