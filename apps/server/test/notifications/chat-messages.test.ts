import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NotificationMessage,
  NotificationMessageSchema,
} from '../../src/features/notifications/notification-message.ts';
import { postOutbound } from '../../src/features/notifications/outbound-request.ts';
import { slackBody } from '../../src/features/notifications/slack-message.ts';
import { escapeMarkdown, teamsBody } from '../../src/features/notifications/teams-message.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/http-receiver.ts';
import { agentOffline, hostile, manyOffline } from './sample-messages.ts';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
});

type Json = any;

/** Posts a body as a channel would, and returns what the receiver parsed from the wire. */
async function deliver(body: object): Promise<Json> {
  const before = receiver.requests.length;
  const response = await postOutbound(
    `${receiver.url}/hook`,
    JSON.stringify(body),
    { 'content-type': 'application/json' },
    { allowHosts: [receiver.host] },
  );
  expect(response.status).toBe(200);
  const requests = await receiver.waitForRequests(before + 1);
  expect(requests[before]?.headers['content-type']).toBe('application/json');
  return JSON.parse(requests[before]?.body ?? '');
}

/** Every string anywhere in a JSON value. */
function allText(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allText);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allText);
  return [];
}

describe('Slack', () => {
  it('shows the title, severity, text, facts and a button to the page', async () => {
    const slack = await deliver(slackBody(agentOffline));
    expect(slack.text).toBe('Critical: Agent "web-1" offline for 5 minutes');
    const [header, context, text, facts, actions] = slack.blocks;
    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':red_circle: Agent "web-1" offline for 5 minutes', emoji: true },
    });
    expect(context.elements[0].text).toBe('*Critical*');
    expect(text.text.text).toMatch(/^The agent stopped sending heartbeats/);
    expect(facts.fields.map((field: Json) => field.text)).toEqual([
      '*Project*\nProd',
      '*Agent*\nweb-1',
      '*Since*\n2026-12-07 09:12 UTC',
    ]);
    expect(actions.elements[0]).toMatchObject({
      type: 'button',
      text: { text: 'Open agent' },
      url: 'https://tcpa.example.com/projects/p1/agents/a1',
    });
  });
  it('lists a burst and says how many more', async () => {
    const slack = await deliver(slackBody(manyOffline));
    const list = slack.blocks.find((block: Json) => block.text?.text?.startsWith('• agent-1\n'));
    expect(list.text.text.split('\n')).toHaveLength(21);
    expect(list.text.text).toMatch(/• agent-20\nand 180 more$/);
  });
  it('keeps within Slack limits and escapes markup from users', async () => {
    const slack = await deliver(slackBody(hostile));
    const header = slack.blocks[0].text.text;
    expect(header.length).toBeLessThanOrEqual(150);
    const sections = slack.blocks.filter((block: Json) => block.type === 'section');
    for (const section of sections) {
      if (section.text) expect(section.text.text.length).toBeLessThanOrEqual(3000);
      if (section.fields) expect(section.fields.length).toBeLessThanOrEqual(10);
    }
    const body = sections[0].text.text;
    expect(body.startsWith('&lt;b&gt;bold&lt;/b&gt; &amp; &lt;@U123&gt; long')).toBe(true);
    expect(body.endsWith('…')).toBe(true);
    expect(body).not.toMatch(/&[a-z]*…$/);
    const fields = sections.flatMap((section: Json) => section.fields ?? []);
    expect(fields).toHaveLength(25);
    expect(fields[24].text).toBe('*Fact &lt;24&gt;*\nvalue &amp; 24');
    // 30 items given: 20 listed, 10 counted.
    expect(allText(slack).some((text) => /• item &lt;19&gt;\nand 10 more$/.test(text))).toBe(true);
    expect(slack.text).toBe('Info: Agent &lt;script&gt;alert(1)&lt;/script&gt; &amp; "friends" &lt;!channel&gt;');
    for (const text of allText(slack.blocks.filter((block: Json) => block.type !== 'header'))) {
      expect(text).not.toMatch(/<(?!\/?\w+>)|<!channel>|<@U123>/);
    }
  });
  it('cuts a long title inside the header, showing where it was cut', () => {
    const long: NotificationMessage = { ...agentOffline, title: 'x'.repeat(400) };
    const header = slackBody(long).blocks[0] as Json;
    expect(header.text.text).toHaveLength(150);
    expect(header.text.text.endsWith('x…')).toBe(true);
  });
});

describe('Teams', () => {
  it('sends an Adaptive Card 1.4 with the title in the severity colour, facts and a link', async () => {
    const teams = await deliver(teamsBody(agentOffline));
    expect(teams.type).toBe('message');
    expect(teams.attachments).toHaveLength(1);
    const [attachment] = teams.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'Agent "web-1" offline for 5 minutes',
      color: 'Attention',
      weight: 'Bolder',
    });
    expect(card.body[1].text).toBe('Critical');
    expect(card.body[2].text).toMatch(/^The agent stopped sending heartbeats/);
    expect(card.body[3]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Project', value: 'Prod' },
        { title: 'Agent', value: 'web-1' },
        { title: 'Since', value: '2026-12-07 09:12 UTC' },
      ],
    });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open agent', url: 'https://tcpa.example.com/projects/p1/agents/a1' },
    ]);
  });
  it('colours by severity, and a resolved alert good', () => {
    const colour = (message: NotificationMessage) => (teamsBody(message) as Json).attachments[0].content.body[0].color;
    expect(colour({ ...agentOffline, severity: 'warning' })).toBe('Warning');
    expect(colour({ ...agentOffline, kind: 'alert_resolved' })).toBe('Good');
  });
  it('lists a burst and says how many more', async () => {
    const teams = await deliver(teamsBody(manyOffline));
    const texts = teams.attachments[0].content.body.map((element: Json) => element.text);
    const list = texts.find((text: string | undefined) => text?.startsWith('- agent-1\r'));
    expect(list.split('\r')).toHaveLength(20);
    expect(texts).toContain('and 180 more');
  });
  it('shows names from users as written, never as links, bold or lists', async () => {
    const named: NotificationMessage = {
      ...agentOffline,
      title: 'Agent "[click](https://evil.test)" offline',
      text: 'Rule **x** fired for _job_ `y`\n- not a list\n1. nor this',
      facts: [{ name: 'Project', value: '[p](https://evil.test) <at>all</at> # ~z~ | !' }],
      items: ['- one', '**two**'],
    };
    const teams = await deliver(teamsBody(named));
    const [title, , text, factSet, list] = teams.attachments[0].content.body;
    expect(title.text).toBe('Agent "\\[click\\]\\(https://evil.test\\)" offline');
    expect(text.text).toBe('Rule \\*\\*x\\*\\* fired for \\_job\\_ \\`y\\`\n\\- not a list\n1\\. nor this');
    expect(factSet.facts[0]).toEqual({
      title: 'Project',
      value: '\\[p\\]\\(https://evil.test\\) \\<at\\>all\\</at\\> \\# \\~z\\~ \\| \\!',
    });
    expect(list.text).toBe('- \\- one\r- \\*\\*two\\*\\*');
  });
  it('escapes a backslash, and leaves no escape cut in half at the end of long text', () => {
    expect(escapeMarkdown('C:\\temp\\*')).toBe('C:\\\\temp\\\\\\*');
    const starry = teamsBody({ ...agentOffline, text: 'a'.repeat(2998) + '*'.repeat(10) }) as Json;
    const cut: string = starry.attachments[0].content.body[2].text;
    expect(cut).toBe(`${'a'.repeat(2998)}…`);
  });
  it('cuts long text', () => {
    const body = teamsBody(hostile).attachments[0]?.content.body as Json[];
    expect(body[2].text.length).toBeLessThanOrEqual(3000);
    expect(body[2].text.endsWith('…')).toBe(true);
    expect(body.find((element) => element.text === 'and 10 more')).toBeDefined();
  });
});

describe('NotificationMessageSchema', () => {
  it('reads back a stored message as it was, and refuses a link that is not a web URL', () => {
    for (const message of [agentOffline, manyOffline, hostile]) {
      expect(NotificationMessageSchema.parse(JSON.parse(JSON.stringify(message)))).toEqual(message);
    }
    const bad = { ...agentOffline, link: { label: 'Open', url: 'javascript:alert(1)' } };
    expect(NotificationMessageSchema.safeParse(bad).success).toBe(false);
  });
});
