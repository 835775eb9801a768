/** What any email of ours says; `renderEmail` gives it one look in text and HTML. */
export interface EmailParts {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** The one thing to do: a button in HTML, a line with the URL in text. */
  action?: { label: string; url: string };
  /** Label/value pairs shown as a table. */
  facts?: { name: string; value: string }[];
  /** A list, and how many more there were past it. */
  items?: string[];
  moreCount?: number;
  footer?: string;
  /** A short colour bar above the heading (alert severity); grey when absent. */
  accent?: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const FONT = 'font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plain text and HTML (inline styles only: mail clients drop style sheets) of one email. */
export function renderEmail(parts: EmailParts): EmailContent {
  const subject = parts.subject.replace(/[\r\n]+/g, ' ').trim();
  return { subject, text: renderText(parts), html: renderHtml(parts) };
}

/** Only http(s) links become buttons: a `javascript:` URL must never be clickable. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function renderText(parts: EmailParts): string {
  const blocks = [parts.heading, ...parts.paragraphs];
  if (parts.facts && parts.facts.length > 0) {
    blocks.push(parts.facts.map((fact) => `${fact.name}: ${fact.value}`).join('\n'));
  }
  const list = (parts.items ?? []).map((item) => `- ${item}`);
  if (parts.moreCount) list.push(`and ${parts.moreCount} more`);
  if (list.length > 0) blocks.push(list.join('\n'));
  if (parts.action) blocks.push(`${parts.action.label}: ${parts.action.url}`);
  if (parts.footer) blocks.push(`--\n${parts.footer}`);
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(parts: EmailParts): string {
  const rows: string[] = [
    `<div style="height:4px;background:${parts.accent ?? '#9ca3af'};border-radius:2px;margin-bottom:16px"></div>`,
    `<h1 style="${FONT};font-size:20px;line-height:1.3;margin:0 0 12px;color:#111827">${escapeHtml(parts.heading)}</h1>`,
    ...parts.paragraphs.map(
      (paragraph) =>
        `<p style="${FONT};font-size:15px;line-height:1.5;margin:0 0 12px;color:#374151">${escapeHtml(paragraph)}</p>`,
    ),
  ];
  if (parts.facts && parts.facts.length > 0) rows.push(factsTable(parts.facts));
  const items = (parts.items ?? []).map((item) => `<li>${escapeHtml(item)}</li>`);
  if (parts.moreCount) items.push(`<li style="list-style:none;color:#6b7280">and ${parts.moreCount} more</li>`);
  if (items.length > 0) {
    rows.push(
      `<ul style="${FONT};font-size:14px;line-height:1.5;margin:0 0 12px;color:#374151">${items.join('')}</ul>`,
    );
  }
  if (parts.action) rows.push(actionButton(parts.action));
  if (parts.footer) {
    rows.push(
      `<p style="${FONT};font-size:12px;line-height:1.5;margin:24px 0 0;color:#6b7280">${escapeHtml(parts.footer)}</p>`,
    );
  }
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f3f4f6">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    ...rows,
    '</div></body></html>',
  ].join('\n');
}

function factsTable(facts: { name: string; value: string }[]): string {
  const cell = `${FONT};font-size:14px;padding:4px 12px 4px 0;vertical-align:top`;
  const rows = facts.map(
    (fact) =>
      `<tr><td style="${cell};color:#6b7280;white-space:nowrap">${escapeHtml(fact.name)}</td>` +
      `<td style="${cell};color:#111827">${escapeHtml(fact.value)}</td></tr>`,
  );
  return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows.join('')}</table>`;
}

function actionButton(action: { label: string; url: string }): string {
  const label = escapeHtml(action.label);
  const url = escapeHtml(action.url);
  if (!isWebUrl(action.url)) return `<p style="${FONT};font-size:14px;color:#374151">${label}: ${url}</p>`;
  return [
    `<p style="margin:20px 0 8px"><a href="${url}" style="${FONT};display:inline-block;background:#2563eb;color:#ffffff;`,
    `font-size:15px;font-weight:600;text-decoration:none;padding:10px 18px;border-radius:6px">${label}</a></p>`,
    `<p style="${FONT};font-size:12px;color:#6b7280;margin:0 0 12px;word-break:break-all">`,
    `Or open: <a href="${url}" style="color:#2563eb">${url}</a></p>`,
  ].join('');
}
