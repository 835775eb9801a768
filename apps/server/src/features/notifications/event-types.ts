/** Whether an endpoint asking for `patterns` (`transfer.failed`, `transfer.*`, `*`) gets an event of `type`. */
export function matchesEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some(
    (pattern) =>
      pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}

/** A Standard Webhooks body: `type`, `timestamp` and the event's `data`. */
export function webhookBody(type: string, occurredAt: string, data: unknown) {
  return { type, timestamp: occurredAt, data };
}
