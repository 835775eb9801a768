import { listedItems, type NotificationMessage, truncateText } from './notification-message.ts';
import { severityLabel } from './severity-label.ts';

/** Teams refuses cards past about 28 KB: long text is cut well below that. */
const MAX_TEXT = 3000;
const MAX_ITEM = 200;
const MAX_FACTS = 40;

const COLOUR: Record<string, string> = {
  Critical: 'Attention',
  Warning: 'Warning',
  Info: 'Accent',
  Resolved: 'Good',
};

type Element = Record<string, unknown>;

/** A Microsoft Teams workflow-webhook payload ("Post to a channel when a webhook request is received"). */
export function teamsBody(message: NotificationMessage) {
  const label = severityLabel(message);
  const body: Element[] = [
    {
      type: 'TextBlock',
      text: markdownText(message.title, 300),
      weight: 'Bolder',
      size: 'Medium',
      color: COLOUR[label],
      wrap: true,
    },
    { type: 'TextBlock', text: label, color: COLOUR[label], isSubtle: true, spacing: 'None', wrap: true },
  ];
  if (message.text.trim() !== '')
    body.push({ type: 'TextBlock', text: markdownText(message.text, MAX_TEXT), wrap: true });
  if (message.facts.length > 0) {
    body.push({
      type: 'FactSet',
      facts: message.facts.slice(0, MAX_FACTS).map((fact) => ({
        title: markdownText(fact.name, MAX_ITEM),
        value: markdownText(fact.value, MAX_TEXT),
      })),
    });
  }
  const { items, moreCount } = listedItems(message);
  if (items.length > 0 || moreCount > 0) {
    // Teams' Adaptive Card markdown separates list items with \r.
    const list = items.map((item) => `- ${markdownText(item, MAX_ITEM)}`).join('\r');
    if (list !== '') body.push({ type: 'TextBlock', text: list, wrap: true, spacing: 'Medium' });
    if (moreCount > 0) body.push({ type: 'TextBlock', text: `and ${moreCount} more`, isSubtle: true, wrap: true });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          actions: [{ type: 'Action.OpenUrl', title: truncateText(message.link.label, 100), url: message.link.url }],
        },
      },
    ],
  };
}

/** User text escaped, then cut to `max` without leaving an escape's backslash alone before the `…`. */
function markdownText(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  const cut = truncateText(escaped, max).slice(0, -1);
  const trailingBackslashes = /\\*$/.exec(cut)?.[0].length ?? 0;
  return `${trailingBackslashes % 2 === 1 ? cut.slice(0, -1) : cut}…`;
}

/**
 * Teams renders TextBlock and Fact text as markdown: names from users (`[click](https://evil)`, `**x**`)
 * are backslash-escaped so they show as written. `-`, `+` and `1.` only start a list at a line's start.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~[\]()<>#|!]/g, '\\$&')
    .replace(/^([ \t]*)([-+])(?=\s)/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=\s)/gm, '$1\\.');
}
