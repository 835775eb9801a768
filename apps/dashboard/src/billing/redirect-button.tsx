import type { ReactNode } from 'react';
import { FormError } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

/**
 * A button that asks the server for a Stripe page (Checkout, the Customer Portal) and sends the
 * browser there; it stays disabled while the page loads, and says why when the server refuses.
 */
export function RedirectButton(props: {
  openPage: () => Promise<{ url: string }>;
  className?: string;
  children: ReactNode;
}) {
  const action = useAction();
  const open = async () => {
    const page = await action.run(props.openPage);
    if (page) window.location.assign(page.url);
  };
  return (
    <>
      <button type="button" className={props.className} disabled={action.pending} onClick={() => void open()}>
        {props.children}
      </button>
      <FormError message={action.error} />
    </>
  );
}
