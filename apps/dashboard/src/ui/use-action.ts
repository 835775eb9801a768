import { useCallback, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';

/**
 * Runs a user action (usually a mutation's mutateAsync), keeping its pending state and error text
 * for the form: one error place for the several actions a page offers, the newest one's.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(errorMessage(failure));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, run, setError };
}
