/** @vitest-environment happy-dom */
// The grade menu: a box per grade of every standard, named as the rule set in
// use names them (the funnel's D is D级, not 交车客户); the count on the menu;
// 清除 only once something is picked.
import { afterEach, describe, expect, it } from 'vitest';
import { GradeFilterMenu } from '../../components/grade-filter-menu/GradeFilterMenu';
import { DEFAULT_RULE_SET, FUNNEL_RULE_SET, STANDARDS } from '../../lib/grading';
import { click, mount, type Mounted } from './mount';

let view: Mounted;
afterEach(() => view.unmount());

const labelsOf = (fieldset: Element) => [...fieldset.querySelectorAll('label')].map((l) => l.textContent);

describe('the grade menu', () => {
  it('one group per standard; the intent grades as the rule set names them', async () => {
    const props = { picks: {}, count: 0, onToggle: () => undefined, onClear: () => undefined };
    view = await mount(<GradeFilterMenu {...props} intent={DEFAULT_RULE_SET.standards.intent} />);
    const groups = () => [...view.container.querySelectorAll('fieldset')];
    expect(groups().map((g) => g.querySelector('legend')!.textContent)).toEqual(STANDARDS.map((s) => s.name.zh));
    expect(labelsOf(groups()[0]!)).toContain('D 交车客户');
    await view.render(<GradeFilterMenu {...props} intent={FUNNEL_RULE_SET.standards.intent} />);
    expect(labelsOf(groups()[0]!)).toContain('D级');
    expect(labelsOf(groups()[0]!)).not.toContain('D 交车客户');
    expect(view.container.querySelector('summary')!.textContent).toBe('级别筛选');
    expect(view.container.querySelector('.wb-grade-panel > button')).toBeNull();
  });

  it('a box hands its grade up; picked boxes are checked, counted, and cleared together', async () => {
    const toggled: [string, string, boolean][] = [];
    let cleared = 0;
    view = await mount(
      <GradeFilterMenu
        picks={{ intent: ['A'] }}
        count={1}
        intent={DEFAULT_RULE_SET.standards.intent}
        onToggle={(s, g, on) => toggled.push([s, g, on])}
        onClear={() => cleared++}
      />,
    );
    const box = (text: string) =>
      [...view.container.querySelectorAll('fieldset')[0]!.querySelectorAll('label')]
        .find((l) => l.textContent === text)!
        .querySelector('input')!;
    expect(box('A级').checked).toBe(true);
    expect(box('H级').checked).toBe(false);
    await click(box('H级'));
    await click(box('A级'));
    expect(toggled).toEqual([
      ['intent', 'H', true],
      ['intent', 'A', false],
    ]);
    expect(view.container.querySelector('summary')!.textContent).toBe('级别筛选 (1)');
    await click(view.container.querySelector('.wb-grade-panel > button'));
    expect(cleared).toBe(1);
  });
});
