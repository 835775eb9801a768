import type { NotificationMessage } from './notification-message.ts';

/** `Critical`, `Warning`, `Info`, or `Resolved` for a resolved alert (its severity no longer applies). */
export function severityLabel(message: NotificationMessage): string {
  if (message.kind === 'alert_resolved') return 'Resolved';
  return message.severity.charAt(0).toUpperCase() + message.severity.slice(1);
}
