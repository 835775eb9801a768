import type { StorageLocation } from '@tcpa/contracts';
import { useState } from 'react';
import { useDeleteStorageLocationMutation } from '../data/storage/delete-storage-location-mutation.ts';
import { EditDeleteButtons } from '../ui/edit-delete-buttons.tsx';
import { formatTime } from '../ui/format.ts';
import { ServerError } from '../ui/server-error.tsx';
import { ConnectionTest } from './connection-test.tsx';
import { describeSignIn, describeWhere, KIND_NAMES } from './describe-location.ts';

/** The project's locations: kind, where, how each signs in; edit and delete with storage:write. */
export function LocationsTable(props: {
  projectId: string;
  locations: StorageLocation[];
  mayWrite: boolean;
  onEdit: (location: StorageLocation) => void;
}) {
  const { projectId, locations, mayWrite, onEdit } = props;
  const deleteLocation = useDeleteStorageLocationMutation(projectId);
  const [testingId, setTestingId] = useState<string | null>(null);
  const testing = locations.find((location) => location.id === testingId);
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Storage locations">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Where</th>
            <th scope="col">Signs in with</th>
            {mayWrite && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {locations.map((location) => (
            <tr key={location.id}>
              <td>{location.name}</td>
              <td>{KIND_NAMES[location.kind]}</td>
              <td>{describeWhere(location)}</td>
              <td>
                {describeSignIn(location.credentials)}
                <span className="sub">updated {formatTime(location.credentialsUpdatedAt)}</span>
              </td>
              {mayWrite && (
                <td className="actions-cell">
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`Test connection of ${location.name}`}
                    onClick={() => setTestingId(location.id)}
                  >
                    Test connection
                  </button>{' '}
                  <EditDeleteButtons
                    name={location.name}
                    question={`Delete the storage location ${location.name}? Its credentials are deleted with it.`}
                    onEdit={() => onEdit(location)}
                    onDelete={() => deleteLocation.mutate(location.id)}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ServerError error={deleteLocation.error} />
      {testing && (
        <ConnectionTest key={testing.id} projectId={projectId} location={testing} onClose={() => setTestingId(null)} />
      )}
    </div>
  );
}
