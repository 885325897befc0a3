/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerDrawer } from '../../components/customer-drawer/CustomerDrawer';
import type { DealerLensDB, StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import * as make from '../factories';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 2, 10, 9);
let db: DealerLensDB;
let root: Root;
let container: HTMLElement;

function customer(detailUrl: string): StoredCustomer {
  return make.customer('c1', {
    name: '张伟',
    phone: '13800000001',
    stage: 'lead',
    provenance: { pageUrl: 'http://dms.example.com/crm/list', capturedAt: make.STORED_AT, detailUrl },
  });
}

beforeEach(() => {
  db = freshDatabase();
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

async function renderDrawerFor(detailUrl: string): Promise<void> {
  await db.customers.put(customer(detailUrl));
  await act(async () =>
    root.render(<CustomerDrawer db={db} customerId="c1" now={() => NOW} onClose={() => undefined} />),
  );
  await vi.waitFor(() => expect(container.querySelector('h2')).not.toBeNull());
}

describe('the drawer makes only http(s) portal links clickable, whatever was stored', () => {
  it.each([
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ])('shows no link for a stored %j', async (href) => {
    await renderDrawerFor(href);
    expect(container.querySelectorAll('a[href]')).toHaveLength(0);
  });

  it('links an http portal page', async () => {
    await renderDrawerFor('http://dms.example.com/crm/customer/c1');
    expect(Array.from(container.querySelectorAll('a[href]'), (a) => a.getAttribute('href'))).toEqual([
      'http://dms.example.com/crm/customer/c1',
    ]);
  });
});
