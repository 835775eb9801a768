import type { ReactNode } from 'react';

/** A button for an action that cannot be undone: it asks `question` first and acts only on OK. */
export function ConfirmButton(props: {
  question: string;
  onConfirmed: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={props.className}
      onClick={() => {
        if (window.confirm(props.question)) props.onConfirmed();
      }}
    >
      {props.children}
    </button>
  );
}
