/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../lib/scrape';
import { collapseSpace, CellReader, createVisibility } from '../../../lib/scrape/text';
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
    expect(
      textOf('张伟<script>var a = "<b>x</b>";</script><style>.a{color:red}</style><template><p>模板</p></template>'),
    ).toBe('张伟');
  });

  it('ignores sort icons and carets but keeps the header words', () => {
    expect(
      textOf(
        '客户姓名<span class="caret-wrapper"><i class="sort-caret ascending">▲</i><i class="sort-caret descending">▼</i></span>',
      ),
    ).toBe('客户姓名');
    expect(textOf('<span class="sort-label">最近联系</span>')).toBe('最近联系');
  });

  it('uses the title where a cell is truncated with an ellipsis', () => {
    expect(textOf('<span title="帕萨特 2026款 380TSI 豪华版">帕萨特 2026款 380...</span>')).toBe(
      '帕萨特 2026款 380TSI 豪华版',
    );
    expect(textOf('<div class="cell ellipsis" title="惠州市惠城区江北街道某某路 1 号">惠州市惠城区</div>')).toBe(
      '惠州市惠城区江北街道某某路 1 号',
    );
  });

  it('keeps the visible text when a title is a tooltip, not the full text', () => {
    expect(textOf('<a href="#" title="查看客户详情">张伟</a>')).toBe('张伟');
    expect(textOf('<span title="升序">姓名…</span>')).toBe('姓名…');
  });

  it('returns cell text containing markup or script as plain text', () => {
    expect(textOf('&lt;img src=x onerror=alert(1)&gt;')).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads the value a form field shows, and the chosen option of a select', () => {
    expect(textOf('<input value="张伟"> <select><option>H</option><option selected>A</option></select>')).toBe(
      '张伟 A',
    );
  });

  it('honours computed styles when the document has a window', () => {
    const doc = parse(
      '<html><head><style>.tip { display: none }</style></head><body><div id="x">2026-11-20<span class="tip">（超期）</span></div></body></html>',
    );
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
    ['张\u200b伟', '张伟'],
    ['张 \u200b伟', '张 伟'],
    ['\ufeff张伟', '张伟'],
    ['\u3000张伟\u3000', '张伟'],
    ['', ''],
  ])('%j reads as %j', (raw, read) => {
    expect(collapseSpace(raw)).toBe(read);
  });
});

describe('a long list is read column by column, each cell still as a user reads it', () => {
  const rows = (cells: string[]) =>
    parse(`<table><tbody>${cells.map((c) => `<tr>${c}</tr>`).join('')}</tbody></table>`);
  const readAll = (doc: Document): string[] => {
    const reader = new CellReader(createVisibility(doc));
    return Array.from(doc.querySelectorAll('td')).map((td) => reader.read(td, 0));
  };
  const plain = Array.from({ length: 8 }, (_, i) => `<td><span>客户${i}</span></td>`);

  it('reads a cell that hides part of its text after many plain ones without the hidden part', () => {
    const texts = readAll(rows([...plain, '<td><span>张伟</span><span style="display:none">内部编号</span></td>']));
    expect(texts.at(-1)).toBe('张伟');
  });

  it('reads the full title of a later cell truncated with an ellipsis', () => {
    const texts = readAll(rows([...plain, '<td><span title="客户要求下周三试驾途观L">客户要求下周...</span></td>']));
    expect(texts.at(-1)).toBe('客户要求下周三试驾途观L');
  });

  it('reads the title a later cell carries where the column clips its text', () => {
    const clipped = Array.from({ length: 8 }, (_, i) => `<td class="cell">地址${i}</td>`);
    const texts = readAll(
      rows([...clipped, '<td class="cell" title="广东省惠州市惠城区演达大道8号">广东省惠州市</td>']),
    );
    expect(texts.at(-1)).toBe('广东省惠州市惠城区演达大道8号');
  });

  it('reads a later line break as a space, and a later form field by its value', () => {
    const texts = readAll(
      rows([...plain, '<td><span>惠城区<br>演达大道</span></td>', '<td><span><input value="13812345678"></span></td>']),
    );
    expect(texts.slice(-2)).toEqual(['惠城区 演达大道', '13812345678']);
  });

  it('gives nothing for the hidden copies of a column, and says they are hidden', () => {
    const doc = rows(
      Array.from(
        { length: 10 },
        (_, i) =>
          `<td class="el-table_1_column_2 is-hidden" style="display:none"><div class="cell">客户${i}</div></td>`,
      ),
    );
    const reader = new CellReader(createVisibility(doc));
    const cells = Array.from(doc.querySelectorAll('td'));
    for (const td of cells) {
      expect(reader.read(td, 0)).toBe('');
      expect(reader.hidden).toBe(true);
    }
  });

  it('reads a cell that is not hidden after hidden ones of another shape', () => {
    const hidden = Array.from({ length: 8 }, () => '<td style="display:none"><div>x</div></td>');
    expect(readAll(rows([...hidden, '<td><div>王芳</div></td>'])).at(-1)).toBe('王芳');
  });
});
