import type { Channel, ChannelKind } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { refuseDuplicateName } from '../../http/duplicate-name.ts';

const NAME_TAKEN = 'notification_channels_company_id_name_key';

interface ChannelRow {
  id: string;
  name: string;
  kind: ChannelKind;
  recipients: string[];
  url_host: string | null;
  event_types: string[];
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: string | null;
  created_at: string;
}

const COLUMNS =
  'id, name, kind, recipients, url_host, event_types, enabled, disabled_reason, failing_since, created_at';

function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    recipients: row.recipients,
    urlHost: row.url_host,
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    createdAt: row.created_at,
  };
}

export async function listChannels(tx: Queryable): Promise<Channel[]> {
  return (await tx.query<ChannelRow>(`select ${COLUMNS} from notification_channels order by name`)).map(toChannel);
}

export async function getChannel(tx: Queryable, channelId: string): Promise<Channel | undefined> {
  const [row] = await tx.query<ChannelRow>(`select ${COLUMNS} from notification_channels where id = $1`, [channelId]);
  return row && toChannel(row);
}

export interface ChannelInput {
  id: string;
  name: string;
  kind: ChannelKind;
  recipients: string[];
  urlSealed: string | null;
  urlHost: string | null;
  secretSealed: string | null;
  eventTypes: string[];
}

export async function insertChannel(tx: Queryable, input: ChannelInput): Promise<Channel> {
  const [row] = await tx
    .query<ChannelRow>(
      `insert into notification_channels (id, company_id, name, kind, recipients, url_sealed, url_host, secret_sealed,
       event_types, created_by)
     values ($1, app.company_id(), $2, $3, $4, $5, $6, $7, $8, app.user_id()) returning ${COLUMNS}`,
      [
        input.id,
        input.name,
        input.kind,
        input.recipients,
        input.urlSealed,
        input.urlHost,
        input.secretSealed,
        input.eventTypes,
      ],
    )
    .catch(refuseDuplicateName(NAME_TAKEN, 'A channel', input.name));
  if (!row) throw new Error('insert returned nothing');
  return toChannel(row);
}

export interface ChannelChange {
  name?: string;
  recipients?: string[];
  urlSealed?: string;
  urlHost?: string;
  eventTypes?: string[];
  enabled?: boolean;
}

/** Enabling clears why it was disabled and its failure streak: it gets a fresh three days. */
export async function updateChannel(tx: Queryable, channelId: string, change: ChannelChange) {
  // Only the columns given are written: the app role may set the sealed URL but not read it back.
  const columns: Record<string, unknown> = {
    name: change.name,
    recipients: change.recipients,
    url_sealed: change.urlSealed,
    url_host: change.urlHost,
    event_types: change.eventTypes,
    enabled: change.enabled,
    ...(change.enabled ? { disabled_reason: null, failing_since: null } : {}),
  };
  const given = Object.entries(columns).filter(([, value]) => value !== undefined);
  const [row] = await tx
    .query<ChannelRow>(
      `update notification_channels
     set ${[...given.map(([column], index) => `${column} = $${index + 2}`), 'updated_at = now()'].join(', ')}
     where id = $1 returning ${COLUMNS}`,
      [channelId, ...given.map(([, value]) => value)],
    )
    .catch(refuseDuplicateName(NAME_TAKEN, 'A channel', change.name));
  return row && toChannel(row);
}

export async function deleteChannel(tx: Queryable, channelId: string): Promise<boolean> {
  return (await tx.query('delete from notification_channels where id = $1 returning id', [channelId])).length > 0;
}
