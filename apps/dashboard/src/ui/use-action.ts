import { useCallback, useState } from 'react';

/**
 * Runs a user action (usually a mutation's mutateAsync), keeping its pending state and what it
 * failed with for the form (FormError): one error place for the several actions a page offers,
 * the newest one's. The failure is kept whole, so a plan limit can link to the Plan page; a page's
 * own complaint is a string.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, run, setError };
}
