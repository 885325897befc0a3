import { useMemo, useSyncExternalStore } from 'react';

/** A number that changes often (the rows shown after every filter): only its readers re-render. */
export interface CountStore {
  get(): number;
  set(n: number): void;
  subscribe(listener: () => void): () => void;
}

function createCountStore(): CountStore {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (n) => {
      if (n === value) return;
      value = n;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One count store for the component's life. */
export function useCountStore(): CountStore {
  return useMemo(createCountStore, []);
}

/** The store's number; the calling component re-renders when it changes. */
export function useCount(store: CountStore): number {
  return useSyncExternalStore(store.subscribe, store.get);
}
