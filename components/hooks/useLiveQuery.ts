import { useEffect, useRef, useState } from 'react';
import { watchQuery } from '@/lib/db';

const logError = (e: unknown) => console.error('DealerLens: a live query failed', e);

/**
 * `query`'s latest result, read again whenever the data it read changes
 * (lib/db watchQuery); undefined until the first read, or while `query` is
 * null (not ready to ask yet). Pass a query made with useCallback: a new
 * query function is a new subscription.
 */
export function useLiveQuery<T>(query: (() => Promise<T>) | null, onError: (e: unknown) => void = logError) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const failed = useRef(onError);
  failed.current = onError;
  useEffect(() => {
    if (!query) return;
    return watchQuery(query, setValue, (e) => failed.current(e));
  }, [query]);
  return value;
}
