import { type Permission, PermissionSchema } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { can, useWorkspace } from '../app/app-context.tsx';
import { useApiKeysQuery } from '../data/api-keys/api-keys-query.ts';
import { useCreateApiKeyMutation } from '../data/api-keys/create-api-key-mutation.ts';
import { useRevokeApiKeyMutation } from '../data/api-keys/revoke-api-key-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { CopyButton, Empty, ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

export default function ApiKeysPage() {
  const { me } = useWorkspace();
  const keys = useApiKeysQuery();
  const createKey = useCreateApiKeyMutation();
  const revokeKey = useRevokeApiKeyMutation();
  const keysError = queryError(keys.error);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>(['agents:read', 'transfers:read']);
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  const canWrite = can(me, 'api_keys:write');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await action.run(() => createKey.mutateAsync({ name, scopes }));
    if (created) {
      setSecret(created.secret);
      setName('');
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="API keys" />
      {canWrite && (
        <form className="card" onSubmit={submit}>
          <label>
            Key name
            <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <fieldset className="scopes">
            <legend>Scopes (what the key may do, never more than you can)</legend>
            {PermissionSchema.options.map((scope) => (
              <label key={scope} className="inline">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                />
                {scope}
              </label>
            ))}
          </fieldset>
          <FormError message={action.error} />
          <button type="submit" disabled={action.pending}>
            Create key
          </button>
        </form>
      )}
      {secret && (
        <section className="card secret-card" aria-label="New API key">
          <p>Copy the key now: it is shown only once.</p>
          <pre className="command">{secret}</pre>
          <CopyButton text={secret} label="Copy key" />
        </section>
      )}
      {keys.isFetching && <Loading />}
      {keysError && <ErrorNotice message={keysError} onRetry={() => void keys.refetch()} />}
      {keys.data && keys.data.apiKeys.length === 0 && <Empty title="No API keys yet" />}
      {keys.data && keys.data.apiKeys.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scopes</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.apiKeys.map((key) => (
                <tr key={key.id}>
                  <td>
                    {key.name} <span className="sub">{key.prefix}…</span>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>{formatTime(key.lastUsedAt)}</td>
                  <td>{key.revokedAt ? `revoked ${formatTime(key.revokedAt)}` : 'active'}</td>
                  <td className="actions-cell">
                    {canWrite && !key.revokedAt && (
                      <ConfirmButton
                        className="danger secondary small"
                        question={`Revoke ${key.name}? Programs using it stop working at once.`}
                        onConfirmed={() => void action.run(() => revokeKey.mutateAsync(key.id))}
                      >
                        Revoke
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
