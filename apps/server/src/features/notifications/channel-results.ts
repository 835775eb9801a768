/** A channel's result of one attempt: its endpoint answered 2xx (ok) or failed. */
export interface ChannelResult {
  channelId: string;
  ok: boolean;
}

/**
 * The fewest health notes that leave each channel as noting `results` one by one would: its last
 * result, after one success when a success came before a final failure (the success clears the
 * failing-since time, so the failure starts it again). Channels in the order they first appear.
 */
export function collapseChannelResults(results: Iterable<ChannelResult>): ChannelResult[] {
  const byChannel = new Map<string, { sawOk: boolean; lastOk: boolean }>();
  for (const { channelId, ok } of results) {
    const seen = byChannel.get(channelId);
    byChannel.set(channelId, { sawOk: ok || (seen?.sawOk ?? false), lastOk: ok });
  }
  return [...byChannel].flatMap(([channelId, { sawOk, lastOk }]) =>
    sawOk && !lastOk
      ? [
          { channelId, ok: true },
          { channelId, ok: false },
        ]
      : [{ channelId, ok: lastOk }],
  );
}
