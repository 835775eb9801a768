import { FilePicker } from './file-picker.tsx';

/** Where files come from and go to, as the job editor and the New transfer form hold them. */
export interface RouteForm {
  sourceAgentId: string;
  /** One path per line, as typed or picked. */
  sourcePaths: string;
  destinationAgentId: string;
  destinationDir: string;
}

export const EMPTY_ROUTE_FORM: RouteForm = {
  sourceAgentId: '',
  sourcePaths: '',
  destinationAgentId: '',
  destinationDir: '',
};

export const pathLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

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
