import { useCallback, useState } from 'react';

/** The last error a view met, as text, and the `fail` that records one. */
export function useError() {
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback((e: unknown) => setError(`${String(e instanceof Error ? e.message : e)}`), []);
  return { error, fail };
}
