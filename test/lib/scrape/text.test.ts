/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../lib/scrape';
import { collapseSpace } from '../../../lib/scrape/text';
import { parse } from './helpers';

function textOf(html: string): string {
  return extractText(parse(`<body><div id="x">${html}</div></body>`).getElementById('x')!);
}

describe('text as a user reads it', () => {
  it('collapses whitespace, non-breaking and ideographic spaces, and trims', () => {
    expect(textOf('  张\n\t  伟&nbsp;&nbsp;138\u3000 0000  ')).toBe('张 伟 138 0000');
  });

  it('separates block elements and line breaks by a space', () => {
    expect(textOf('<div>张伟</div><div>13812345678</div>车牌<br>粤L·12345')).toBe('张伟 13812345678 车牌 粤L·12345');
  });

  it('ignores hidden helper text: hidden attribute, inline display/visibility, aria-hidden, sr-only and hidden classes', () => {
    expect(
      textOf(
        'H<span hidden>隐藏</span><span style="display: none">无</span><span style="color:red;visibility:hidden">无</span>' +
          '<span aria-hidden="true">*</span><span class="sr-only">按级别排序</span><i class="hidden">x</i>',
      ),
    ).toBe('H');
  });

  it('ignores script, style and template content', () => {
    expect(textOf('张伟<script>var a = "<b>x</b>";</script><style>.a{color:red}</style><template><p>模板</p></template>')).toBe('张伟');
  });

  it('ignores sort icons and carets but keeps the header words', () => {
    expect(textOf('客户姓名<span class="caret-wrapper"><i class="sort-caret ascending">▲</i><i class="sort-caret descending">▼</i></span>')).toBe('客户姓名');
    expect(textOf('<span class="sort-label">最近联系</span>')).toBe('最近联系');
  });

  it('uses the title where a cell is truncated with an ellipsis', () => {
    expect(textOf('<span title="帕萨特 2026款 380TSI 豪华版">帕萨特 2026款 380...</span>')).toBe('帕萨特 2026款 380TSI 豪华版');
    expect(textOf('<div class="cell ellipsis" title="惠州市惠城区江北街道某某路 1 号">惠州市惠城区</div>')).toBe('惠州市惠城区江北街道某某路 1 号');
  });

  it('keeps the visible text when a title is a tooltip, not the full text', () => {
    expect(textOf('<a href="#" title="查看客户详情">张伟</a>')).toBe('张伟');
    expect(textOf('<span title="升序">姓名…</span>')).toBe('姓名…');
  });

  it('returns cell text containing markup or script as plain text', () => {
    expect(textOf('&lt;img src=x onerror=alert(1)&gt;')).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads the value a form field shows, and the chosen option of a select', () => {
    expect(textOf('<input value="张伟"> <select><option>H</option><option selected>A</option></select>')).toBe('张伟 A');
  });

  it('honours computed styles when the document has a window', () => {
    const doc = parse('<html><head><style>.tip { display: none }</style></head><body><div id="x">2026-11-20<span class="tip">（超期）</span></div></body></html>');
    expect(extractText(doc.getElementById('x')!)).toBe('2026-11-20');
  });

  it('gives no text for an element that is itself hidden', () => {
    expect(extractText(parse('<body><p id="x" style="display:none">隐藏</p></body>').getElementById('x')!)).toBe('');
  });
});

describe('collapsing whitespace as a reader sees it', () => {
  it.each([
    ['张伟', '张伟'],
    ['2026-02-25 17:37', '2026-02-25 17:37'],
    ['  张伟 ', '张伟'],
    ['张\u00a0伟', '张 伟'],
    ['张  伟', '张 伟'],
    ['张\n\t伟', '张 伟'],
    ['张\u200b伟', '张 伟'],
    ['\u3000张伟\u3000', '张伟'],
    ['', ''],
  ])('%j reads as %j', (raw, read) => {
    expect(collapseSpace(raw)).toBe(read);
  });
});
