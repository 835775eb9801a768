import { type ReactNode, useEffect, useState } from 'react';
import { FormError } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

/**
 * A button that asks the server for a Stripe page (Checkout, the Customer Portal) and sends the
 * browser there; it stays disabled until that page has replaced this one, and says why when the
 * server refuses.
 */
export function RedirectButton(props: {
  openPage: () => Promise<{ url: string }>;
  className?: string;
  children: ReactNode;
}) {
  const action = useAction();
  const [leaving, setLeaving] = useState(false);
  // Back from Stripe through the browser's back button, the page may be restored as it was left.
  useEffect(() => {
    const comeBack = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    window.addEventListener('pageshow', comeBack);
    return () => window.removeEventListener('pageshow', comeBack);
  }, []);
  const open = async () => {
    const page = await action.run(props.openPage);
    if (!page) return;
    setLeaving(true);
    window.location.assign(page.url);
  };
  return (
    <>
      <button
        type="button"
        className={props.className}
        disabled={action.pending || leaving}
        onClick={() => void open()}
      >
        {props.children}
      </button>
      <FormError message={action.error} />
    </>
  );
}
