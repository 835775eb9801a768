import type { Channel, Delivery } from '@tcpa/contracts';
import { useId, useState } from 'react';
import { useDeleteChannelMutation } from '../data/channels/delete-channel-mutation.ts';
import { useTestChannelMutation } from '../data/channels/test-channel-mutation.ts';
import { useUpdateChannelMutation } from '../data/channels/update-channel-mutation.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { OnOffSwitch } from '../ui/on-off-switch.tsx';
import { ServerError } from '../ui/server-error.tsx';
import { ChannelEditForm } from './channel-edit-form.tsx';
import { destinationOf, KIND_NAMES } from './channel-kinds.ts';
import { DeliveryLog } from './delivery-log.tsx';
import { describeEventTypes } from './event-types-field.tsx';
import { TestResult } from './test-result.tsx';

/** One channel: where it sends, its state, and (with the permissions) test, on/off, edit, log and delete. */
export function ChannelCard(props: { channel: Channel; mayWrite: boolean; mayReadLog: boolean }) {
  const { channel, mayWrite, mayReadLog } = props;
  const headingId = useId();
  const logId = useId();
  const [logOpen, setLogOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [tested, setTested] = useState<Delivery | null>(null);
  const testChannel = useTestChannelMutation();
  const updateChannel = useUpdateChannelMutation();
  const deleteChannel = useDeleteChannelMutation();

  const sendTest = () => {
    setTested(null);
    testChannel.mutate(channel.id, { onSuccess: (answer) => setTested(answer.delivery) });
  };

  return (
    <section className="card channel-card" aria-labelledby={headingId}>
      <header className="card-row">
        <h2 id={headingId}>{channel.name}</h2>
        <span className="tag">{KIND_NAMES[channel.kind]}</span>
      </header>
      <dl className="facts">
        <div>
          <dt>{channel.kind === 'email' ? 'Recipients' : 'Host'}</dt>
          <dd>{destinationOf(channel)}</dd>
        </div>
        {channel.kind === 'webhook' && (
          <div>
            <dt>Event types</dt>
            <dd>{describeEventTypes(channel.eventTypes)}</dd>
          </div>
        )}
        <div>
          <dt>State</dt>
          <dd>
            {channel.enabled ? 'Enabled' : 'Disabled'}
            {!channel.enabled && channel.disabledReason && <span className="sub">{channel.disabledReason}</span>}
          </dd>
        </div>
        {channel.failingSince && (
          <div>
            <dt>Failing since</dt>
            <dd className="warning-text">{formatTime(channel.failingSince)}</dd>
          </div>
        )}
      </dl>
      <div className="toolbar">
        {mayWrite && (
          <button type="button" onClick={sendTest} disabled={testChannel.isPending}>
            {testChannel.isPending ? 'Sending test…' : 'Send test'}
          </button>
        )}
        {mayWrite && (
          <OnOffSwitch
            name={channel.name}
            checked={channel.enabled}
            disabled={updateChannel.isPending}
            onChange={(enabled) => updateChannel.mutate({ channelId: channel.id, body: { enabled } })}
          />
        )}
        {mayWrite && !editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {mayReadLog && (
          <button
            type="button"
            className="secondary"
            aria-expanded={logOpen}
            aria-controls={logId}
            onClick={() => setLogOpen(!logOpen)}
          >
            {logOpen ? 'Hide delivery log' : 'Delivery log'}
          </button>
        )}
        {mayWrite && (
          <ConfirmButton
            className="danger secondary"
            question={`Delete ${channel.name}? Rules using it keep their other channels; messages not yet sent are dropped.`}
            onConfirmed={() => deleteChannel.mutate(channel.id)}
          >
            Delete
          </ConfirmButton>
        )}
      </div>
      {editing && <ChannelEditForm channel={channel} onDone={() => setEditing(false)} />}
      {tested && <TestResult delivery={tested} />}
      <ServerError error={testChannel.error ?? updateChannel.error ?? deleteChannel.error} />
      <div id={logId}>{logOpen && <DeliveryLog channelId={channel.id} channelName={channel.name} />}</div>
    </section>
  );
}
