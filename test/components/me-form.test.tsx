/** @vitest-environment happy-dom */
// "我是 …": starts from the stored name, offers the consultants on the
// customers, saves the name trimmed (empty clears it).
import { afterEach, describe, expect, it } from 'vitest';
import { MeForm } from '../../components/me-form/MeForm';
import { mount, submit, type, type Mounted } from './mount';

let view: Mounted;
afterEach(() => view.unmount());

describe('the 我是 form', () => {
  it('starts from the stored name and offers every consultant', async () => {
    view = await mount(<MeForm me="王芳" consultants={['李强', '王芳']} onSave={() => undefined} />);
    const input = view.container.querySelector<HTMLInputElement>('input')!;
    expect(input.value).toBe('王芳');
    expect(input.getAttribute('list')).toBe('wb-consultants');
    expect([...view.container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual([
      '李强',
      '王芳',
    ]);
    expect(view.container.querySelector('label')!.textContent).toBe('我是 (销售顾问)');
  });

  it('saves the name trimmed, and an empty name', async () => {
    const saved: string[] = [];
    view = await mount(<MeForm me={undefined} consultants={[]} onSave={(n) => saved.push(n)} />);
    const input = view.container.querySelector('input');
    await type(input, ' 李强 ');
    await submit(input);
    await type(input, '');
    await submit(input);
    expect(saved).toEqual(['李强', '']);
  });
});
