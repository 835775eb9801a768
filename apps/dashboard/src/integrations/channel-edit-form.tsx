import type { Channel, UpdateChannelBody } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { useUpdateChannelMutation } from '../data/channels/update-channel-mutation.ts';
import { fieldErrorOf } from '../ui/field-error.ts';
import { ServerError } from '../ui/server-error.tsx';
import { parseRecipients } from './channel-kinds.ts';
import { EventTypesField } from './event-types-field.tsx';
import { FieldErrorText } from './field-error-text.tsx';

interface ChannelEdits {
  name: string;
  recipients: string;
  url: string;
  eventTypes: string[];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));

/** Only what was changed: a URL is sent when one was typed, since the current one is never shown. */
function changesOf(channel: Channel, edits: ChannelEdits): UpdateChannelBody {
  const body: UpdateChannelBody = {};
  if (edits.name !== channel.name) body.name = edits.name;
  const recipients = parseRecipients(edits.recipients);
  if (channel.kind === 'email' && !sameSet(recipients, channel.recipients)) body.recipients = recipients;
  if (channel.kind !== 'email' && edits.url.trim() !== '') body.url = edits.url.trim();
  if (channel.kind === 'webhook' && !sameSet(edits.eventTypes, channel.eventTypes))
    body.eventTypes = edits.eventTypes as UpdateChannelBody['eventTypes'];
  return body;
}

/**
 * "Edit" on a channel card: its name, an email channel's recipients, a webhook's event types. A
 * Slack, Teams or webhook URL carries its credential, so it is never shown back: typing a new one
 * replaces it, leaving the field empty keeps it.
 */
export function ChannelEditForm({ channel, onDone }: { channel: Channel; onDone: () => void }) {
  const updateChannel = useUpdateChannelMutation();
  const [edits, setEdits] = useState<ChannelEdits>({
    name: channel.name,
    recipients: channel.recipients.join(', '),
    url: '',
    eventTypes: channel.eventTypes,
  });
  const set = (changes: Partial<ChannelEdits>) => setEdits((current) => ({ ...current, ...changes }));
  const error = updateChannel.error;
  const nameError = fieldErrorOf(error, 'name');
  const recipientsError = fieldErrorOf(error, 'recipients');
  const urlError = fieldErrorOf(error, 'url');
  const eventTypesError = fieldErrorOf(error, 'eventTypes');
  const placedBesideField = nameError ?? recipientsError ?? urlError ?? eventTypesError;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = changesOf(channel, edits);
    if (Object.keys(body).length === 0) return onDone();
    try {
      await updateChannel.mutateAsync({ channelId: channel.id, body });
      onDone();
    } catch {
      // Shown from the mutation's error.
    }
  };

  return (
    <form className="channel-edit" aria-label={`Edit ${channel.name}`} onSubmit={submit}>
      <label>
        Channel name
        <input required maxLength={100} value={edits.name} onChange={(e) => set({ name: e.target.value })} />
        {nameError && <FieldErrorText message={nameError} />}
      </label>
      {channel.kind === 'email' ? (
        <label>
          Recipients (comma or one a line)
          <textarea
            required
            rows={2}
            value={edits.recipients}
            aria-invalid={recipientsError ? true : undefined}
            onChange={(e) => set({ recipients: e.target.value })}
          />
          {recipientsError && <FieldErrorText message={recipientsError} />}
        </label>
      ) : (
        <label>
          New {channel.kind === 'webhook' ? 'endpoint' : 'incoming webhook'} URL{' '}
          <span className="hint">(empty: keep the current one, to {channel.urlHost ?? 'its host'})</span>
          <input
            type="url"
            placeholder="https://"
            value={edits.url}
            aria-invalid={urlError ? true : undefined}
            onChange={(e) => set({ url: e.target.value })}
          />
          {urlError && <FieldErrorText message={urlError} />}
        </label>
      )}
      {channel.kind === 'webhook' && (
        <>
          <EventTypesField value={edits.eventTypes} onChange={(eventTypes) => set({ eventTypes })} />
          {eventTypesError && <FieldErrorText message={eventTypesError} />}
        </>
      )}
      {!placedBesideField && <ServerError error={error} />}
      <div className="toolbar">
        <button type="submit" disabled={updateChannel.isPending}>
          {updateChannel.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
