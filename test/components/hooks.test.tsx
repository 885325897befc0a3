/** @vitest-environment happy-dom */
// The views' hooks: a live query follows the store; grade picks toggle per
// standard; the search settles once typing pauses.
import { act, useCallback } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDebounced, useGradePicks, useLiveQuery } from '../../components/hooks';
import { countCustomers, type DealerLensDB, type StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import { click, mount, type Mounted } from './mount';

let view: Mounted;
afterEach(() => {
  view.unmount();
  vi.useRealTimers();
});

function Count({ db }: { db: DealerLensDB }) {
  const count = useLiveQuery(
    useCallback(() => countCustomers(db), [db]),
    () => undefined,
  );
  return <p>{count === undefined ? '…' : String(count)}</p>;
}

describe('useLiveQuery', () => {
  it('shows the query’s result and follows a write made elsewhere', async () => {
    const db = freshDatabase();
    view = await mount(<Count db={db} />);
    const text = () => view.container.querySelector('p')!.textContent;
    await vi.waitFor(() => expect(text()).toBe('0'));
    await act(async () => {
      await db.customers.put({
        id: '1',
        name: '客户1',
        extra: {},
        invalid: {},
        userEdited: [],
      } as unknown as StoredCustomer);
    });
    await vi.waitFor(() => expect(text()).toBe('1'));
  });
});

function Picks() {
  const picks = useGradePicks();
  return (
    <div>
      <button type="button" onClick={() => picks.toggle('intent', 'A', true)}>
        +A
      </button>
      <button type="button" onClick={() => picks.toggle('intent', 'H', true)}>
        +H
      </button>
      <button type="button" onClick={() => picks.toggle('intent', 'A', false)}>
        -A
      </button>
      <button type="button" onClick={() => picks.toggle('value', 'A', true)}>
        +value A
      </button>
      <button type="button" onClick={picks.clear}>
        clear
      </button>
      <output>{`${picks.count} ${JSON.stringify(picks.picks)}`}</output>
    </div>
  );
}

describe('useGradePicks', () => {
  it('picks per standard, counts over all of them, clears together', async () => {
    view = await mount(<Picks />);
    const c = view.container;
    const press = (text: string) => click([...c.querySelectorAll('button')].find((b) => b.textContent === text));
    const out = () => c.querySelector('output')!.textContent;
    await press('+A');
    await press('+H');
    await press('+A');
    await press('+value A');
    expect(out()).toBe('3 {"intent":["A","H"],"value":["A"]}');
    await press('-A');
    expect(out()).toBe('2 {"intent":["H"],"value":["A"]}');
    await press('clear');
    expect(out()).toBe('0 {}');
  });
});

function Settled({ value }: { value: string }) {
  return <output>{useDebounced(value, 150)}</output>;
}

describe('useDebounced', () => {
  it('takes the value once it has held still', async () => {
    vi.useFakeTimers();
    view = await mount(<Settled value="" />);
    const out = () => view.container.querySelector('output')!.textContent;
    await view.render(<Settled value="王" />);
    await act(async () => vi.advanceTimersByTime(100));
    await view.render(<Settled value="王芳" />);
    await act(async () => vi.advanceTimersByTime(100));
    expect(out()).toBe('');
    await act(async () => vi.advanceTimersByTime(50));
    expect(out()).toBe('王芳');
  });
});
