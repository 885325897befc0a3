/** @vitest-environment happy-dom */
// The list of views: opens a view, names a new one (blank names refused),
// renames and deletes the user's own after a confirm; built-ins have neither.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewList } from '../../components/view-list/ViewList';
import { allViews, newUserView, type View } from '../../lib/views';
import { buttonTexts, click, mount, submit, type, type Mounted } from './mount';

const mine = newUserView('user:1', '本周到店', { filters: [], sort: [] });
const views = allViews([mine]);

function list(current = views[0]!.id) {
  const calls = { open: [] as string[], saveAs: [] as string[], rename: [] as string[][], remove: [] as string[] };
  const node = (
    <ViewList
      views={views}
      currentId={current}
      onOpen={(v: View) => calls.open.push(v.id)}
      onSaveAs={(name) => calls.saveAs.push(name)}
      onRename={(id, name) => calls.rename.push([id, name])}
      onRemove={(v) => calls.remove.push(v.id)}
    />
  );
  return { node, calls };
}

let view: Mounted;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe('the list of views', () => {
  it('lists the built-ins, then 我的视图; the open one is marked; a click opens a view', async () => {
    const { node, calls } = list(mine.id);
    view = await mount(node);
    const c = view.container;
    expect(c.querySelector('h2')!.textContent).toBe('我的视图');
    expect(c.querySelector('[aria-current="true"]')!.getAttribute('data-view')).toBe(mine.id);
    expect(c.querySelectorAll('.wb-user-view')).toHaveLength(1);
    // Only the user's own views can be renamed or deleted.
    expect(c.querySelectorAll('[aria-label^="删除 "]')).toHaveLength(1);
    await click(c.querySelector(`[data-view="${views[0]!.id}"]`));
    expect(calls.open).toEqual([views[0]!.id]);
  });

  it('保存为视图 takes a name, trimmed; a blank name saves nothing; 取消 folds the form', async () => {
    const { node, calls } = list();
    view = await mount(node);
    const c = view.container;
    await click(c.querySelector('.wb-save-view'));
    const name = c.querySelector('input[aria-label="视图名称"]');
    await type(name, '   ');
    await submit(name);
    expect(calls.saveAs).toEqual([]);
    await type(name, ' 我的 A 级 ');
    await submit(name);
    expect(calls.saveAs).toEqual(['我的 A 级']);
    expect(c.querySelector('input[aria-label="视图名称"]')).toBeNull();
    await click(c.querySelector('.wb-save-view'));
    await click([...c.querySelectorAll('.wb-name button')].find((b) => b.textContent === '取消'));
    expect(c.querySelector('.wb-name')).toBeNull();
  });

  it('rename starts from the view name; delete asks first and does nothing when refused', async () => {
    const { node, calls } = list();
    view = await mount(node);
    const c = view.container;
    await click(c.querySelector('[aria-label="重命名 本周到店"]'));
    const name = c.querySelector<HTMLInputElement>('input[aria-label="视图名称"]')!;
    expect(name.value).toBe('本周到店');
    await type(name, '本月到店');
    await submit(name);
    expect(calls.rename).toEqual([[mine.id, '本月到店']]);

    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    await click(c.querySelector('[aria-label="删除 本周到店"]'));
    expect(calls.remove).toEqual([]);
    await click(c.querySelector('[aria-label="删除 本周到店"]'));
    expect(confirm).toHaveBeenLastCalledWith('删除视图 “本周到店”?');
    expect(calls.remove).toEqual([mine.id]);
  });

  it('without views of the user’s own there is no 我的视图 heading', async () => {
    view = await mount(
      <ViewList
        views={allViews([])}
        currentId="all"
        onOpen={() => undefined}
        onSaveAs={() => undefined}
        onRename={() => undefined}
        onRemove={() => undefined}
      />,
    );
    expect(view.container.querySelector('h2')).toBeNull();
    expect(buttonTexts(view.container).at(-1)).toBe('+ 保存为视图');
  });
});
