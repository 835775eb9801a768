import { getRouteApi } from '@tanstack/react-router';
import type { StorageLocation } from '@tcpa/contracts';
import { useState } from 'react';
import { canInProject, useProject } from '../app/app-context.tsx';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { LocationForm } from '../storage/location-form.tsx';
import { LocationsTable } from '../storage/locations-table.tsx';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/p/$projectId');

/** A project's storage locations: the buckets and containers its agents read from and write to. */
export default function StoragePage() {
  const { projectId } = route.useParams();
  const locations = useStorageLocationsQuery(projectId);
  const [editing, setEditing] = useState<StorageLocation | 'new' | null>(null);
  const mayWrite = canInProject(useProject(projectId), 'storage:write');
  const error = queryError(locations.error);
  const list = locations.data?.locations;

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Storage">
        {mayWrite && editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add location
          </button>
        )}
      </PageHeader>
      {locations.isPending && <Loading what="Loading storage locations" />}
      {error && <ErrorNotice message={error} onRetry={() => void locations.refetch()} />}
      {list?.length === 0 && editing === null && (
        <Empty title="No storage locations yet">
          <p>
            A storage location is a bucket or container in Amazon S3 (or an S3-compatible store), Azure Blob Storage or
            Google Cloud Storage, with the credentials to reach it, kept encrypted and never shown again.{' '}
            {mayWrite ? 'Add one with “Add location”.' : 'Someone who manages this project’s storage adds them.'}
          </p>
        </Empty>
      )}
      <p className="muted">
        A transfer sends an agent’s files to a location, or a location’s objects to an agent: choose it as the source or
        destination of a new transfer.
      </p>
      {editing !== null && (
        <LocationForm
          key={editing === 'new' ? 'new' : editing.id}
          projectId={projectId}
          location={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {list && list.length > 0 && (
        <LocationsTable projectId={projectId} locations={list} mayWrite={mayWrite} onEdit={setEditing} />
      )}
    </section>
  );
}
