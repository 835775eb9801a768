import type { ShownCredentials, StorageKind, StorageLocation } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { refuseDuplicateName } from '../../http/duplicate-name.ts';

const NAME_TAKEN = 'storage_locations_project_name_key';

interface LocationRow {
  id: string;
  project_id: string;
  name: string;
  kind: StorageKind;
  settings: Record<string, unknown>;
  credentials_shown: ShownCredentials;
  credentials_updated_at: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  'id, project_id, name, kind, settings, credentials_shown, credentials_updated_at, created_at, updated_at';

function toLocation(row: LocationRow): StorageLocation {
  // settings holds the kind's fields as the API checked them (see the create and update routes).
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    kind: row.kind,
    ...row.settings,
    credentials: row.credentials_shown,
    credentialsUpdatedAt: row.credentials_updated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as StorageLocation;
}

export async function listLocations(tx: Queryable, projectId: string): Promise<StorageLocation[]> {
  const rows = await tx.query<LocationRow>(
    `select ${COLUMNS} from storage_locations where project_id = $1 order by lower(name), id`,
    [projectId],
  );
  return rows.map(toLocation);
}

export async function getLocation(
  tx: Queryable,
  projectId: string,
  locationId: string,
): Promise<StorageLocation | undefined> {
  const [row] = await tx.query<LocationRow>(
    `select ${COLUMNS} from storage_locations where project_id = $1 and id = $2`,
    [projectId, locationId],
  );
  return row && toLocation(row);
}

/** The given locations the caller may read, by id. */
export async function getLocationsById(tx: Queryable, ids: string[]): Promise<Map<string, StorageLocation>> {
  const rows = await tx.query<LocationRow>(`select ${COLUMNS} from storage_locations where id = any($1::uuid[])`, [
    ids,
  ]);
  return new Map(rows.map((row) => [row.id, toLocation(row)]));
}

/** Counts the project's locations under a lock held to the end of the transaction, so two adds at once count each other. */
export async function countLocationsLocked(tx: Queryable, projectId: string): Promise<number> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('storage_locations:' || $1, 0))`, [projectId]);
  const [row] = await tx.query<{ count: number }>(
    'select count(*)::int as count from storage_locations where project_id = $1',
    [projectId],
  );
  return row?.count ?? 0;
}

export interface LocationInput {
  id: string;
  projectId: string;
  name: string;
  kind: StorageKind;
  settings: Record<string, unknown>;
  credentialsShown: ShownCredentials;
  credentialsSealed: string | null;
}

export async function insertLocation(tx: Queryable, input: LocationInput): Promise<StorageLocation> {
  const [row] = await tx
    .query<LocationRow>(
      `insert into storage_locations (id, company_id, project_id, name, kind, settings, credentials_shown, credentials,
         created_by)
       values ($1, app.company_id(), $2, $3, $4, $5, $6, $7, app.user_id()) returning ${COLUMNS}`,
      [
        input.id,
        input.projectId,
        input.name,
        input.kind,
        JSON.stringify(input.settings),
        JSON.stringify(input.credentialsShown),
        input.credentialsSealed,
      ],
    )
    .catch(refuseDuplicateName(NAME_TAKEN, 'A storage location', input.name));
  if (!row) throw new Error('insert returned nothing');
  return toLocation(row);
}

export interface LocationChange {
  name?: string;
  /** The kind's fields that change, merged into the stored ones. */
  settings: Record<string, unknown>;
  /** Given when the credentials are replaced. */
  credentials?: { shown: ShownCredentials; sealed: string | null };
}

export async function updateLocation(
  tx: Queryable,
  projectId: string,
  locationId: string,
  change: LocationChange,
): Promise<StorageLocation | undefined> {
  // Only the columns given are written: the app role may set the sealed credentials but not read them back.
  const columns: Record<string, unknown> = {
    name: change.name,
    ...(change.credentials && {
      credentials_shown: JSON.stringify(change.credentials.shown),
      credentials: change.credentials.sealed,
    }),
  };
  const given = Object.entries(columns).filter(([, value]) => value !== undefined);
  const assignments = [
    'settings = settings || $3::jsonb',
    ...given.map(([column], index) => `${column} = $${index + 4}`),
    ...(change.credentials ? ['credentials_updated_at = now()'] : []),
    'updated_at = now()',
  ];
  const [row] = await tx
    .query<LocationRow>(
      `update storage_locations set ${assignments.join(', ')}
       where project_id = $1 and id = $2 returning ${COLUMNS}`,
      [projectId, locationId, JSON.stringify(change.settings), ...given.map(([, value]) => value)],
    )
    .catch(refuseDuplicateName(NAME_TAKEN, 'A storage location', change.name));
  return row && toLocation(row);
}

/** The location removed (its name and kind, for the audit log), or undefined when there was none. */
export async function deleteLocation(
  tx: Queryable,
  projectId: string,
  locationId: string,
): Promise<{ name: string; kind: StorageKind } | undefined> {
  const [row] = await tx.query<{ name: string; kind: StorageKind }>(
    'delete from storage_locations where project_id = $1 and id = $2 returning name, kind',
    [projectId, locationId],
  );
  return row;
}
