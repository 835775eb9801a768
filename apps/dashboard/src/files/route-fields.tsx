import { FilePicker } from './file-picker.tsx';
import { pathLines, type RouteForm } from './route-form.ts';

/** Source agent and paths, destination agent and folder: typed, or picked by browsing the agents. */
export function RouteFields(props: {
  projectId: string;
  agents: ReadonlyArray<{ id: string; name: string; online: boolean }>;
  value: RouteForm;
  onChange: (value: RouteForm) => void;
}) {
  const { value, onChange } = props;
  const options = props.agents.map((agent) => (
    <option key={agent.id} value={agent.id}>
      {agent.name}
      {agent.online ? '' : ' (offline)'}
    </option>
  ));
  return (
    <>
      <label>
        Source agent
        <select value={value.sourceAgentId} onChange={(e) => onChange({ ...value, sourceAgentId: e.target.value })}>
          <option value="">Choose…</option>
          {options}
        </select>
      </label>
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
      <label>
        Destination agent
        <select
          value={value.destinationAgentId}
          onChange={(e) => onChange({ ...value, destinationAgentId: e.target.value })}
        >
          <option value="">Choose…</option>
          {options}
        </select>
      </label>
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
