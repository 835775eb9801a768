import type { StorageKind } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';

export interface LocationWithSealedCredentials {
  id: string;
  name: string;
  kind: StorageKind;
  settings: Record<string, unknown>;
  /** Sealed with the server's secret key for this row; null in 'agent' mode. */
  credentials: string | null;
}

/**
 * The location with its sealed credentials, which the application role may not read: only the
 * control plane's store code reads them, as the service, for a location the caller already found
 * in its own project (the project id is matched again here).
 */
export async function readLocationCredentialsAsService(
  database: Database,
  projectId: string,
  locationId: string,
): Promise<LocationWithSealedCredentials | undefined> {
  return database.unsafeAsOwner(async (tx) => {
    const [row] = await tx.query<LocationWithSealedCredentials>(
      'select id, name, kind, settings, credentials from storage_locations where project_id = $1 and id = $2',
      [projectId, locationId],
    );
    return row;
  });
}
