import type { StorageConnectionStep, StorageLocation } from '@tcpa/contracts';
import { useState } from 'react';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { useTestStorageLocationMutation } from '../data/storage/test-storage-location-mutation.ts';
import { ServerError } from '../ui/server-error.tsx';

const STEP_NAMES: Record<StorageConnectionStep['step'], string> = {
  credentials: 'Credentials (from the control plane)',
  agent_upload: 'Upload from the agent',
  agent_download: 'Download to the agent',
};

/** Tests one location through an agent the person picks (approved ones; offline ones are marked). */
export function ConnectionTest(props: { projectId: string; location: StorageLocation; onClose(): void }) {
  const { projectId, location, onClose } = props;
  const agents = useAgentsQuery(projectId);
  const test = useTestStorageLocationMutation(projectId, location.id);
  const approved = (agents.data?.agents ?? []).filter((agent) => agent.status === 'active');
  const [agentId, setAgentId] = useState('');
  const chosen = agentId || approved.find((agent) => agent.online)?.id || '';
  return (
    <section className="panel" aria-label={`Test connection of ${location.name}`}>
      <h2>Test connection of {location.name}</h2>
      <p className="sub">
        The control plane lists the location with its credentials; then the agent uploads a small object and reads it
        back, as it would move files.
      </p>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) test.mutate(chosen);
        }}
      >
        <label>
          Agent
          <select value={chosen} onChange={(event) => setAgentId(event.target.value)}>
            {approved.length === 0 && <option value="">No approved agents</option>}
            {approved.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.online ? agent.name : `${agent.name} (offline)`}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!chosen || test.isPending}>
          {test.isPending ? 'Testing…' : 'Run test'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </form>
      <ServerError error={test.error} />
      {test.data && (
        <div role="status">
          <p>{test.data.ok ? 'The connection works.' : 'The connection does not work yet:'}</p>
          <ul aria-label="Test steps">
            {test.data.steps.map((step) => (
              <li key={step.step}>
                <strong>
                  {step.ok ? '✓' : '✗'} {STEP_NAMES[step.step]}:
                </strong>{' '}
                {step.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
