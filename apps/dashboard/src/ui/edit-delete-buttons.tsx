import { ConfirmButton } from './confirm-button.tsx';

/** A table row's Edit and Delete (asking `question` first), named for the row they act on. */
export function EditDeleteButtons(props: { name: string; question: string; onEdit(): void; onDelete(): void }) {
  return (
    <>
      <button type="button" className="secondary small" aria-label={`Edit ${props.name}`} onClick={props.onEdit}>
        Edit
      </button>{' '}
      <ConfirmButton className="danger secondary small" question={props.question} onConfirmed={props.onDelete}>
        Delete
      </ConfirmButton>
    </>
  );
}
