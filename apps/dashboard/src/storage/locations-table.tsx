import type { StorageLocation } from '@tcpa/contracts';
import { useDeleteStorageLocationMutation } from '../data/storage/delete-storage-location-mutation.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { ServerError } from '../ui/server-error.tsx';
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
                    aria-label={`Edit ${location.name}`}
                    onClick={() => onEdit(location)}
                  >
                    Edit
                  </button>{' '}
                  <ConfirmButton
                    className="danger secondary small"
                    question={`Delete the storage location ${location.name}? Its credentials are deleted with it.`}
                    onConfirmed={() => deleteLocation.mutate(location.id)}
                  >
                    Delete
                  </ConfirmButton>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ServerError error={deleteLocation.error} />
    </div>
  );
}
