// The .xlsx package (docs/workbench.md#export, "Export"), written directly as SpreadsheetML
// (ECMA-376 Part 1, 5th edition, section 18) instead of through SheetJS's
// writer: for the graded workbook of 100,000 customers SheetJS CE's cell
// objects, XML and pure-JS deflate took 16 s and 3 GB in Chromium
// (test/bench/workbook.bench.ts). Here a sheet is first a grid of typed arrays
// (kind, style, value per cell: write.ts fills it), then streamed as XML in
// chunks that are deflated as they come, so no sheet's XML exists whole.
//
// What is written, and only that: shared strings (each distinct text escaped
// and measured once), one number format per cell style (the only styling the
// sheets use: dates, money, percent, text '@', grade colours such as
// '[Red]@'), fitted column widths, the header autofilter with Excel's hidden
// _xlnm._FilterDatabase name, and optionally a frozen header row.

/** A sheet as typed arrays, row-major, header row included. */
export interface SheetGrid {
  name: string;
  rowCount: number;
  colCount: number;
  /** Per cell: EMPTY, SHARED_STRING (value is the shared string's index) or NUMBER. */
  kinds: Uint8Array;
  /** Per cell: the style (cellXfs index) from XlsxStyles.of. */
  styles: Uint8Array;
  values: Float64Array;
  /** Column widths in characters (SheetJS's `wch`). */
  widths: readonly number[];
  autofilter: boolean;
}

export const EMPTY = 0;
export const SHARED_STRING = 1;
export const NUMBER = 2;

// Characters XML 1.0 cannot hold (all C0 controls but tab and line feed, as SheetJS escapes them, and U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>"\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g;
const NEEDS_PRESERVE = /^\s|\s$|[\t\n\r]|\s\s/;

/**
 * Text as XML character data. Control characters XML cannot hold become
 * Excel's _xHHHH_ escapes, and a literal '_x0041_' is protected as
 * '_x005F_x0041_' so a reader does not turn it into 'A' (ECMA-376 22.4.2.4).
 */
export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text
    .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(CONTROL, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** The shared string table: each distinct text once, with what a writer needs to know of it. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly texts: string[] = [];
  /** References written, for the table's `count`. */
  count = 0;

  /** The index of `text`, adding it on first sight. */
  add(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.index.set(text, i);
      this.texts.push(text);
    }
    this.count++;
    return i;
  }

  *xml(): Generator<Uint8Array<ArrayBuffer>> {
    const encoder = new TextEncoder();
    let buf = `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.texts.length}">`;
    for (const text of this.texts) {
      buf += NEEDS_PRESERVE.test(text)
        ? `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`
        : `<si><t>${escapeXml(text)}</t></si>`;
      if (buf.length > CHUNK) {
        yield encoder.encode(buf);
        buf = '';
      }
    }
    yield encoder.encode(buf + '</sst>');
  }
}

/** Excel's built-in number formats (ECMA-376 18.8.30) the sheets use: no numFmt element needed. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};
const FIRST_CUSTOM_FORMAT = 164;

/** Cell styles, one per number format; style 0 is General. */
export class XlsxStyles {
  private readonly byFormat = new Map<string, number>([['General', 0]]);
  private readonly formats: string[] = ['General'];

  /** The style (cellXfs index) showing numbers and text in `format`. */
  of(format: string | undefined): number {
    if (!format) return 0;
    let s = this.byFormat.get(format);
    if (s === undefined) {
      s = this.formats.length;
      if (s > 255) throw new Error('too many number formats in one workbook');
      this.byFormat.set(format, s);
      this.formats.push(format);
    }
    return s;
  }

  xml(): string {
    const custom = new Map<string, number>();
    const ids = this.formats.map((f) => {
      const builtIn = BUILT_IN_FORMATS[f];
      if (builtIn !== undefined) return builtIn;
      if (!custom.has(f)) custom.set(f, FIRST_CUSTOM_FORMAT + custom.size);
      return custom.get(f)!;
    });
    const numFmts = custom.size
      ? `<numFmts count="${custom.size}">${[...custom].map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(f)}"/>`).join('')}</numFmts>`
      : '';
    const xfs = ids
      .map(
        (id) =>
          `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
      )
      .join('');
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">${numFmts}` +
      '<fonts count="1"><font><sz val="12"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${ids.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_R = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
/** Characters of XML per chunk handed to the deflater. */
const CHUNK = 1 << 20;

/** 'A'..'Z', 'AA'.. for a zero-based column. */
export function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Column width as stored in the file for a width in characters, as SheetJS
 * computes it (maximum digit width 6 px, 5 px of padding, in 1/256ths), so a
 * reader gets the same `wch` back.
 */
export function storedWidth(wch: number): number {
  const MDW = 6;
  return Math.round(((wch * MDW + 5) / MDW) * 256) / 256;
}

const FROZEN_PANE =
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>';

/** A1-style range of the grid (A1:A1 for an empty one). */
function gridRef(grid: SheetGrid): string {
  return `A1:${columnLetters(Math.max(grid.colCount - 1, 0))}${Math.max(grid.rowCount, 1)}`;
}

/** Bytes of XML per chunk handed to the deflater. */
const CHUNK_BYTES = 1 << 20;
/** Bytes of one cell at most: '<c r="XFD1048576" s="255" t="s"><v>', 24 characters of a number, '</v></c>'. */
const MAX_CELL_BYTES = 72;

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * One worksheet's XML, in chunks of UTF-8 bytes. The cells are written as
 * bytes straight from the grid: everything in them is ASCII (references,
 * shared string indexes, numbers), and building strings only to encode
 * them cost more than the rest of the writer (profiled in Chromium).
 */
export function* worksheetXml(grid: SheetGrid, freezeHeader: boolean): Generator<Uint8Array<ArrayBuffer>> {
  const { rowCount, colCount, kinds, styles, values } = grid;
  const ref = gridRef(grid);
  const view = freezeHeader
    ? `<sheetView workbookViewId="0">${FROZEN_PANE}</sheetView>`
    : '<sheetView workbookViewId="0"/>';
  const cols = grid.widths
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${storedWidth(w)}" customWidth="1"/>`)
    .join('');
  const head = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><dimension ref="${ref}"/><sheetViews>${view}</sheetViews>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
  const letters = Array.from({ length: colCount }, (_, c) => ascii('<c r="' + columnLetters(c)));
  // What follows the reference, per style and kind: '" s="3" t="s"><v>'.
  const middles: Uint8Array[] = [];
  const middle = (style: number, kind: number): Uint8Array =>
    (middles[style * 4 + kind] ??= ascii(
      `"${style ? ` s="${style}"` : ''}${kind === SHARED_STRING ? ' t="s"' : ''}><v>`,
    ));
  const CELL_END = ascii('</v></c>');
  const ROW_START = ascii('<row r="');
  const ROW_END = ascii('</row>');
  const digits = new Uint8Array(24);

  // Room past CHUNK_BYTES for one more row and its tags.
  const size = CHUNK_BYTES + colCount * MAX_CELL_BYTES + 64;
  let buf = new Uint8Array(size);
  let n = 0;
  // A loop, not buf.set: the pieces are a few bytes long, where set() costs more than it copies.
  const put = (bytes: Uint8Array): void => {
    for (let k = 0; k < bytes.length; k++) buf[n++] = bytes[k]!;
  };
  /** A non-negative integer's decimal digits. */
  const putUint = (v: number): void => {
    let k = 0;
    do {
      digits[k++] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    while (k > 0) buf[n++] = digits[--k]!;
  };
  const putNumber = (v: number): void => {
    if (v >= 0 && v < 2 ** 53 && Number.isInteger(v) && !Object.is(v, -0)) return putUint(v);
    const text = String(v);
    for (let i = 0; i < text.length; i++) buf[n++] = text.charCodeAt(i);
  };

  yield new TextEncoder().encode(head);
  for (let r = 0, i = 0; r < rowCount; r++) {
    const rowStart = n;
    const rn = ascii(String(r + 1));
    put(ROW_START);
    put(rn);
    buf[n++] = 34; // "
    buf[n++] = 62; // >
    const cellsStart = n;
    for (let c = 0; c < colCount; c++, i++) {
      const kind = kinds[i]!;
      if (kind === EMPTY) continue;
      put(letters[c]!);
      put(rn);
      put(middle(styles[i]!, kind));
      if (kind === SHARED_STRING) putUint(values[i]!);
      else putNumber(values[i]!);
      put(CELL_END);
    }
    if (n === cellsStart)
      n = rowStart; // no cells: no row
    else put(ROW_END);
    if (n > CHUNK_BYTES) {
      yield buf.subarray(0, n);
      buf = new Uint8Array(size);
      n = 0;
    }
  }
  if (n) yield buf.subarray(0, n);
  yield ascii(
    `</sheetData>${grid.autofilter ? `<autoFilter ref="${ref}"/>` : ''}</worksheet>`,
  ) as Uint8Array<ArrayBuffer>;
}

/** A sheet name inside a formula: always quoted, quotes doubled. */
function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function absoluteRef(ref: string): string {
  return ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

/** The package's fixed parts around the sheets, given the sheets' grids (names, filter ranges). */
export function packageParts(grids: readonly SheetGrid[], styles: XlsxStyles): { name: string; xml: string }[] {
  const n = grids.length;
  const sheetRange = Array.from({ length: n }, (_, i) => i + 1);
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    sheetRange
      .map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.worksheet+xml"/>`)
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` +
    '</Types>';
  const rootRels = `${XML_HEAD}<Relationships xmlns="${NS_PKG_R}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_R}">` +
    sheetRange
      .map((i) => `<Relationship Id="rId${i}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
      .join('') +
    `<Relationship Id="rId${n + 1}" Type="${NS_R}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>';
  const filters = grids
    .map((g, i) =>
      g.autofilter
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quotedSheetName(g.name))}!${absoluteRef(gridRef(g))}</definedName>`
        : '',
    )
    .join('');
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews><sheets>` +
    grids.map((g, i) => `<sheet name="${escapeXml(g.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`;
  return [
    { name: '[Content_Types].xml', xml: contentTypes },
    { name: '_rels/.rels', xml: rootRels },
    { name: 'xl/workbook.xml', xml: workbook },
    { name: 'xl/_rels/workbook.xml.rels', xml: workbookRels },
    { name: 'xl/styles.xml', xml: styles.xml() },
  ];
}
