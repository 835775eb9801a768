/**
 * Words used by the notification files:
 * - message: what a person is told (a `NotificationMessage`), before it is shaped for one channel.
 * - channel: where messages go (a Slack or Teams webhook, a signed webhook, email addresses).
 * - renderer: a pure function shaping a message for one channel (`slackBody`, `teamsBody`, `emailContent`).
 * - outbound request: one POST to a URL a user gave, checked so it cannot reach the server's own network.
 */
import { z } from 'zod';

export type Severity = 'info' | 'warning' | 'critical';

/** What a person is told, before it is shaped for one channel. */
export interface NotificationMessage {
  kind: 'alert_opened' | 'alert_resolved' | 'test' | 'notice';
  severity: Severity;
  /** One line: `Agent "web-1" offline for 5 minutes`, or for a burst `200 agents offline in project "Prod"`. */
  title: string;
  /** A short paragraph. */
  text: string;
  /** Label/value pairs shown as a table: Project, Agent, Since... */
  facts: { name: string; value: string }[];
  /** A burst summary: the subjects (at most 20 are listed), and how many more there were. */
  items?: string[];
  moreCount?: number;
  /** The dashboard page concerned (absolute URL). */
  link: { label: string; url: string };
}

/** The same shape as a zod schema, for messages read back from storage (an outbox row's JSON). */
export const NotificationMessageSchema = z.object({
  kind: z.enum(['alert_opened', 'alert_resolved', 'test', 'notice']),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string().min(1),
  text: z.string(),
  facts: z.array(z.object({ name: z.string(), value: z.string() })),
  items: z.array(z.string()).optional(),
  moreCount: z.number().int().min(0).optional(),
  link: z.object({ label: z.string().min(1), url: z.url({ protocol: /^https?$/ }) }),
}) satisfies z.ZodType<NotificationMessage>;

/** Renderers list at most this many items, and count the rest into "and N more". */
export const MAX_LISTED_ITEMS = 20;

/** The items to list and how many more there were, whether or not the caller already capped the list. */
export function listedItems(message: NotificationMessage): { items: string[]; moreCount: number } {
  const items = message.items ?? [];
  const listed = items.slice(0, MAX_LISTED_ITEMS);
  return { items: listed, moreCount: (message.moreCount ?? 0) + (items.length - listed.length) };
}

/** Cuts text to at most `max` characters (code points kept whole), ending with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
