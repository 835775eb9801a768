import { type EmailContent, renderEmail } from './email-layout.ts';
import { listedItems, type NotificationMessage } from './notification-message.ts';
import { severityLabel } from './severity-label.ts';

export { type EmailContent, type EmailParts, renderEmail } from './email-layout.ts';

const ACCENT: Record<string, string> = {
  Critical: '#dc2626',
  Warning: '#d97706',
  Info: '#2563eb',
  Resolved: '#16a34a',
};

/** An alert or notice as an email: subject `[TCPA] [critical] <title>`, text and HTML bodies. */
export function emailContent(message: NotificationMessage, companyName: string): EmailContent {
  const label = severityLabel(message);
  const { items, moreCount } = listedItems(message);
  return renderEmail({
    subject: `[TCPA] [${label.toLowerCase()}] ${message.title}`,
    heading: message.title,
    paragraphs: message.text.trim() === '' ? [] : message.text.split(/\n{2,}/),
    facts: message.facts,
    items,
    moreCount,
    action: message.link,
    accent: ACCENT[label],
    footer: `Sent by TCP Agent Platform for ${companyName}. Notification channels are set in the dashboard.`,
  });
}
