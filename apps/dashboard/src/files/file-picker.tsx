import type { FileEntry } from '@tcpa/contracts';
import { useState } from 'react';
import { useAgentFilesQuery } from '../data/agents/agent-files-query.ts';
import { queryError } from '../data/query-error.ts';
import { formatBytes } from '../ui/format.ts';
import { ErrorNotice, Loading } from '../ui/states.tsx';

type PickerProps = {
  projectId: string;
  agentId: string;
  /** Names the panel for screen readers, e.g. "source". */
  label: string;
} & (
  | { kind: 'paths'; selected: string[]; onSelectedChange: (paths: string[]) => void }
  | { kind: 'folder'; onChooseFolder: (path: string) => void }
);

const joinPath = (folder: string, name: string) => (folder === '' ? name : `${folder}/${name}`);

/**
 * Browses an agent's folders through the files route (the agent lists them itself): folders to
 * enter, files and folders to tick (`paths`) or the folder shown to choose (`folder`). Paths can
 * still be typed in the field beside it.
 */
export function FilePicker(props: PickerProps) {
  const [open, setOpen] = useState(false);
  const [folder, setFolder] = useState('');
  if (props.agentId === '') return <p className="hint">Choose the agent to browse its folders, or type the path.</p>;
  return (
    <div className="file-picker">
      <button type="button" className="secondary small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? `Close the ${props.label} browser` : `Browse the ${props.label} agent`}
      </button>
      {open && <FolderView {...props} folder={folder} onEnter={setFolder} />}
    </div>
  );
}

function FolderView(props: PickerProps & { folder: string; onEnter: (folder: string) => void }) {
  const { folder, onEnter } = props;
  const files = useAgentFilesQuery(props.projectId, props.agentId, folder);
  const error = queryError(files.error);
  const entries: FileEntry[] = files.data?.pages.flatMap((page) => page.entries) ?? [];
  const parts = folder === '' ? [] : folder.split('/');
  const selected = props.kind === 'paths' ? new Set(props.selected) : new Set<string>();
  const toggle = (path: string, on: boolean) => {
    if (props.kind !== 'paths') return;
    props.onSelectedChange(on ? [...props.selected, path] : props.selected.filter((p) => p !== path));
  };

  return (
    <section className="file-picker-panel" aria-label={`Files on the ${props.label} agent`}>
      <nav className="file-picker-path" aria-label={`${props.label} folder`}>
        <button type="button" className="link-button" onClick={() => onEnter('')}>
          (root)
        </button>
        {parts.map((part, index) => (
          <span key={parts.slice(0, index + 1).join('/')}>
            {' / '}
            <button type="button" className="link-button" onClick={() => onEnter(parts.slice(0, index + 1).join('/'))}>
              {part}
            </button>
          </span>
        ))}
      </nav>
      {props.kind === 'folder' &&
        (folder === '' ? (
          <p className="hint">Enter a folder to send into (the root itself cannot be the destination).</p>
        ) : (
          <button type="button" className="small" onClick={() => props.onChooseFolder(folder)}>
            Use this folder: {folder}
          </button>
        ))}
      {files.isPending && <Loading what="Asking the agent" />}
      {error && <ErrorNotice message={error} onRetry={() => void files.refetch()} />}
      {files.data && entries.length === 0 && <p className="hint">This folder is empty.</p>}
      {entries.length > 0 && (
        <ul className="file-picker-list">
          {entries.map((entry) => {
            const path = joinPath(folder, entry.name);
            return (
              <li key={entry.name}>
                {props.kind === 'paths' && (entry.type === 'file' || entry.type === 'directory') && (
                  <input
                    type="checkbox"
                    aria-label={`Select ${path}`}
                    checked={selected.has(path)}
                    onChange={(event) => toggle(path, event.target.checked)}
                  />
                )}
                {entry.type === 'directory' ? (
                  <button type="button" className="link-button" onClick={() => onEnter(path)}>
                    {entry.name}/
                  </button>
                ) : (
                  <span>{entry.name}</span>
                )}
                <span className="hint">{entry.type === 'file' ? formatBytes(entry.size) : entry.type}</span>
              </li>
            );
          })}
        </ul>
      )}
      {files.hasNextPage && (
        <button type="button" className="secondary small" onClick={() => void files.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}
