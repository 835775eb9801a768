import { listedItems, type NotificationMessage, truncateText } from './notification-message.ts';
import { severityLabel } from './severity-label.ts';

/** Slack's limits (https://docs.slack.dev/reference/block-kit/blocks): past them the webhook answers 400. */
const SLACK = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  url: 3000,
  fallbackText: 3000,
  /** Of Slack's 50 blocks, the others take at most 6. */
  factSections: 4,
} as const;

const EMOJI: Record<string, string> = {
  Critical: ':red_circle:',
  Warning: ':large_orange_circle:',
  Info: ':large_blue_circle:',
  Resolved: ':white_check_mark:',
};

type Block = Record<string, unknown>;

/** A Slack incoming-webhook payload (Block Kit) for one message. */
export function slackBody(message: NotificationMessage): { text: string; blocks: Block[] } {
  const label = severityLabel(message);
  const blocks: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncateText(`${EMOJI[label]} ${message.title}`, SLACK.headerText),
        emoji: true,
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `*${label}*` }] },
  ];
  if (message.text.trim() !== '') blocks.push(mrkdwnSection(message.text));
  blocks.push(...factSections(message.facts));
  const { items, moreCount } = listedItems(message);
  if (items.length > 0 || moreCount > 0) {
    const lines = items.map((item) => `• ${escapeMrkdwn(item)}`);
    if (moreCount > 0) lines.push(`and ${moreCount} more`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cutEscaped(lines.join('\n'), SLACK.sectionText) } });
  }
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: truncateText(message.link.label, SLACK.buttonText) },
        url: message.link.url.slice(0, SLACK.url),
      },
    ],
  });
  // The fallback text (notifications, old clients) is mrkdwn too: a title's `<!channel>` would ping everyone.
  return { text: cutEscaped(`${label}: ${escapeMrkdwn(message.title)}`, SLACK.fallbackText), blocks };
}

/** Slack reads `&`, `<` and `>` as markup (links, mentions): escaped, text from users shows as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts already-escaped text to `max`, never leaving half an entity (`&am`) at the cut. */
function cutEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}

function mrkdwnSection(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cutEscaped(escapeMrkdwn(text), SLACK.sectionText) } };
}

function factSections(facts: NotificationMessage['facts']): Block[] {
  const shown = facts.slice(0, SLACK.fieldsPerSection * SLACK.factSections);
  const sections: Block[] = [];
  for (let start = 0; start < shown.length; start += SLACK.fieldsPerSection) {
    sections.push({
      type: 'section',
      fields: shown.slice(start, start + SLACK.fieldsPerSection).map((fact) => ({
        type: 'mrkdwn',
        text: cutEscaped(`*${escapeMrkdwn(fact.name)}*\n${escapeMrkdwn(fact.value)}`, SLACK.fieldText),
      })),
    });
  }
  return sections;
}
