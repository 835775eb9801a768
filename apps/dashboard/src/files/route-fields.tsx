import { FilePicker } from './file-picker.tsx';
import { pathLines, type RouteForm } from './route-form.ts';

type AgentChoice = { id: string; name: string; online: boolean };

type RouteFieldsProps = {
  projectId: string;
  agents: readonly AgentChoice[];
  value: RouteForm;
  onChange: (value: RouteForm) => void;
};

/** The source agent and the paths it sends: typed, or picked by browsing the agent. */
export function SourceAgentFields(props: RouteFieldsProps) {
  const { value, onChange } = props;
  return (
    <>
      <AgentSelect
        label="Source agent"
        agents={props.agents}
        value={value.sourceAgentId}
        onChange={(sourceAgentId) => onChange({ ...value, sourceAgentId })}
      />
      <div>
        <label>
          Source paths <span className="hint">(one per line, relative to the agent's roots)</span>
          <textarea
            rows={3}
            value={value.sourcePaths}
            onChange={(e) => onChange({ ...value, sourcePaths: e.target.value })}
            placeholder="exports/2025-01"
          />
        </label>
        <FilePicker
          kind="paths"
          label="source"
          projectId={props.projectId}
          agentId={value.sourceAgentId}
          selected={pathLines(value.sourcePaths)}
          onSelectedChange={(paths) => onChange({ ...value, sourcePaths: paths.join('\n') })}
        />
      </div>
    </>
  );
}

/** The destination agent and the folder it writes into. */
export function DestinationAgentFields(props: RouteFieldsProps) {
  const { value, onChange } = props;
  return (
    <>
      <AgentSelect
        label="Destination agent"
        agents={props.agents}
        value={value.destinationAgentId}
        onChange={(destinationAgentId) => onChange({ ...value, destinationAgentId })}
      />
      <div>
        <label>
          Destination directory
          <input
            required
            value={value.destinationDir}
            onChange={(e) => onChange({ ...value, destinationDir: e.target.value })}
            placeholder="incoming"
          />
        </label>
        <FilePicker
          kind="folder"
          label="destination"
          projectId={props.projectId}
          agentId={value.destinationAgentId}
          onChooseFolder={(path) => onChange({ ...value, destinationDir: path })}
        />
      </div>
    </>
  );
}

function AgentSelect(props: {
  label: string;
  agents: readonly AgentChoice[];
  value: string;
  onChange: (agentId: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">Choose…</option>
        {props.agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
            {agent.online ? '' : ' (offline)'}
          </option>
        ))}
      </select>
    </label>
  );
}
