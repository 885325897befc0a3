// A view's query kept live (docs/architecture.md#the-data-layer): `query` runs
// again whenever a table it read changes, in this page or another of the
// extension's (a capture in the background, a follow-up in the side panel).
// The views reach Dexie's liveQuery through here, never by importing Dexie.
import { liveQuery } from 'dexie';

/** Calls `next` with `query`'s result now and after every change it depends on; returns the unsubscribe. */
export function watchQuery<T>(
  query: () => Promise<T>,
  next: (value: T) => void,
  error: (e: unknown) => void,
): () => void {
  const subscription = liveQuery(query).subscribe({ next, error });
  return () => subscription.unsubscribe();
}
