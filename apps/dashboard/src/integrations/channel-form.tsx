import type { ChannelKind, CreateChannelBody } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { useCreateChannelMutation } from '../data/channels/create-channel-mutation.ts';
import { fieldErrorOf } from '../ui/field-error.ts';
import { ServerError } from '../ui/server-error.tsx';
import { KIND_HINTS, KIND_NAMES, parseRecipients } from './channel-kinds.ts';
import { EventTypesField } from './event-types-field.tsx';
import { FieldErrorText } from './field-error-text.tsx';

const KINDS = Object.keys(KIND_NAMES) as ChannelKind[];

function bodyOf(kind: ChannelKind, name: string, url: string, recipients: string, eventTypes: string[]) {
  switch (kind) {
    case 'email':
      return { kind, name, recipients: parseRecipients(recipients) };
    case 'webhook':
      return { kind, name, url, eventTypes } as CreateChannelBody;
    default:
      return { kind, name, url };
  }
}

/** "Add channel": the fields of the kind chosen; the server's refusal beside the field it names. */
export function ChannelForm({ onCreated }: { onCreated: (name: string, signingSecret: string | null) => void }) {
  const createChannel = useCreateChannelMutation();
  const [kind, setKind] = useState<ChannelKind>('email');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [recipients, setRecipients] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>(['*']);
  const error = createChannel.error;
  const urlError = fieldErrorOf(error, 'url');
  const recipientsError = fieldErrorOf(error, 'recipients');
  const eventTypesError = fieldErrorOf(error, 'eventTypes');
  const nameError = fieldErrorOf(error, 'name');
  const placedBesideField = urlError ?? recipientsError ?? eventTypesError ?? nameError;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await createChannel.mutateAsync(bodyOf(kind, name, url, recipients, eventTypes));
      onCreated(created.channel.name, created.signingSecret);
      setName('');
      setUrl('');
      setRecipients('');
    } catch {
      // Shown from the mutation's error.
    }
  };

  return (
    <form className="card" aria-label="Add channel" onSubmit={submit}>
      <h2>Add channel</h2>
      <div className="form-grid">
        <label>
          Kind
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ChannelKind);
              createChannel.reset();
            }}
          >
            {KINDS.map((option) => (
              <option key={option} value={option}>
                {KIND_NAMES[option]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          {nameError && <FieldErrorText message={nameError} />}
        </label>
      </div>
      <p className="hint">{KIND_HINTS[kind]}</p>
      {kind === 'email' ? (
        <label>
          Recipients (comma or one a line)
          <textarea
            required
            rows={2}
            value={recipients}
            aria-invalid={recipientsError ? true : undefined}
            onChange={(e) => setRecipients(e.target.value)}
          />
          {recipientsError && <FieldErrorText message={recipientsError} />}
        </label>
      ) : (
        <label>
          {kind === 'webhook' ? 'Endpoint URL' : 'Incoming webhook URL'}
          <input
            required
            type="url"
            placeholder="https://"
            value={url}
            aria-invalid={urlError ? true : undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
          {urlError && <FieldErrorText message={urlError} />}
        </label>
      )}
      {kind === 'webhook' && (
        <>
          <EventTypesField value={eventTypes} onChange={setEventTypes} />
          {eventTypesError && <FieldErrorText message={eventTypesError} />}
        </>
      )}
      {!placedBesideField && <ServerError error={error} />}
      <button type="submit" disabled={createChannel.isPending}>
        Add {KIND_NAMES[kind]} channel
      </button>
    </form>
  );
}
