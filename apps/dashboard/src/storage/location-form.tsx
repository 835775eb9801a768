import type { StorageKind, StorageLocation } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import {
  useCreateStorageLocationMutation,
  useUpdateStorageLocationMutation,
} from '../data/storage/save-storage-location-mutation.ts';
import { ServerError } from '../ui/server-error.tsx';
import { KIND_NAMES } from './describe-location.ts';
import { CREDENTIAL_CHOICES, createBodyOf, fieldsOf, type LocationFields, updateBodyOf } from './location-body.ts';
import { SecretFields } from './secret-fields.tsx';

const KINDS: StorageKind[] = ['s3', 'azure', 'gcs'];

/** A new location (`location` absent) or changes to one: its kind is fixed once made. */
export function LocationForm(props: { projectId: string; location?: StorageLocation; onDone: () => void }) {
  const { projectId, location, onDone } = props;
  const createLocation = useCreateStorageLocationMutation(projectId);
  const updateLocation = useUpdateStorageLocationMutation(projectId);
  const save = location ? updateLocation : createLocation;
  const [kind, setKind] = useState<StorageKind>(location?.kind ?? 's3');
  const [fields, setFields] = useState<LocationFields>(fieldsOf(location, kind));
  const set = (changes: Partial<LocationFields>) => setFields({ ...fields, ...changes });
  const title = location ? `Edit ${location.name}` : 'Add storage location';

  const changeKind = (next: StorageKind) => {
    setKind(next);
    setFields({ ...fieldsOf(undefined, next), name: fields.name, prefix: fields.prefix });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (location) await updateLocation.mutateAsync({ locationId: location.id, body: updateBodyOf(kind, fields) });
      else await createLocation.mutateAsync(createBodyOf(kind, fields));
      onDone();
    } catch {
      // Shown from the mutation's error.
    }
  };

  const text = (label: string, field: keyof LocationFields, options: { required?: boolean; hint?: string } = {}) => (
    <label>
      {label}
      <input
        required={options.required}
        value={fields[field] as string}
        onChange={(e) => set({ [field]: e.target.value })}
      />
      {options.hint && <span className="sub">{options.hint}</span>}
    </label>
  );

  return (
    <form className="card" aria-label={title} onSubmit={submit}>
      <h2>{title}</h2>
      <div className="form-grid">
        <label>
          Location name
          <input required maxLength={100} value={fields.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        {location ? (
          <p>
            Kind: <strong>{KIND_NAMES[location.kind]}</strong>
            <span className="sub">A location’s kind stays; add a new location for another one.</span>
          </p>
        ) : (
          <label>
            Kind
            <select value={kind} onChange={(e) => changeKind(e.target.value as StorageKind)}>
              {KINDS.map((option) => (
                <option key={option} value={option}>
                  {KIND_NAMES[option]}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'azure' ? (
          <>
            {text('Storage account', 'account', { required: true })}
            {text('Container', 'container', { required: true })}
          </>
        ) : (
          text('Bucket', 'bucket', { required: true })
        )}
        {kind === 's3' && text('Region', 'region', { required: true, hint: 'For example eu-west-1.' })}
        {text('Prefix', 'prefix', { hint: 'A folder in it; empty for the whole bucket or container.' })}
        {kind !== 'gcs' &&
          text('Endpoint', 'endpoint', {
            hint:
              kind === 's3'
                ? 'Only for an S3-compatible store (MinIO, Wasabi…); empty for Amazon S3.'
                : 'Only for Azurite or another compatible endpoint; empty for Azure’s own.',
          })}
        {kind === 's3' && (
          <label className="switch-label">
            <input
              type="checkbox"
              checked={fields.forcePathStyle}
              onChange={(e) => set({ forcePathStyle: e.target.checked })}
            />
            Bucket in the path (most S3-compatible stores want this)
          </label>
        )}
        <label>
          Signs in with
          <select
            value={fields.credentials}
            onChange={(e) => set({ credentials: e.target.value as LocationFields['credentials'] })}
          >
            {location && <option value="keep">Keep the current ones</option>}
            {CREDENTIAL_CHOICES[kind].map((choice) => (
              <option key={choice.mode} value={choice.mode}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <SecretFields fields={fields} set={set} />
      </div>
      <ServerError error={save.error} />
      <div className="toolbar">
        <button type="submit" disabled={save.isPending}>
          {location ? 'Save location' : 'Add location'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
