// Why a file or a sheet cannot be imported (docs/capture.md#file-import: "each gets a
// clear message, nothing partial is stored"), in Chinese and English.

import { ZIP_MAX_PARTS } from './kind';

export type SheetsErrorCode =
  | 'empty'
  | 'encrypted'
  | 'corrupt'
  | 'notSpreadsheet'
  | 'encoding'
  | 'noHeader'
  | 'noData'
  | 'tooManyRows'
  | 'tooManyColumns'
  | 'cellTooLong'
  | 'inflatesTooMuch'
  | 'zipDirectoryLies'
  | 'zipTooComplex';

export interface SheetsError {
  code: SheetsErrorCode;
  message: { zh: string; en: string };
  /** The sheet the problem is in, when it is in one. */
  sheet?: string;
  /** The cell, as Excel names it ('D1204'), when one cell is the problem. */
  cell?: string;
}

/** The limits the messages quote (see read.ts for why each is what it is). */
export interface Limits {
  rows: number;
  columns: number;
  cellChars: number;
}

export function sheetsError(
  code: SheetsErrorCode,
  limits: Limits,
  where: { sheet?: string; cell?: string; detail?: string; kind?: { zh: string; en: string } } = {},
): SheetsError {
  const at = where.sheet ? `工作表「${where.sheet}」` : '';
  const atEn = where.sheet ? `Sheet "${where.sheet}"` : 'The file';
  const message = ((): { zh: string; en: string } => {
    switch (code) {
      case 'empty':
        return { zh: '文件是空的，没有可导入的内容。', en: 'The file is empty: there is nothing to import.' };
      case 'encrypted':
        return {
          zh: '文件设置了打开密码。请在 Excel 或 WPS 中打开，取消密码（文件 > 信息 > 保护工作簿）后另存，再导入。',
          en: 'The file is password-protected. Open it in Excel or WPS, remove the password and save it again, then import it.',
        };
      case 'corrupt':
        return {
          zh: `文件已损坏或不是 Excel/CSV 文件，无法读取${where.detail ? `（${where.detail}）` : ''}。请从系统重新导出。`,
          en: `The file is damaged or not an Excel/CSV file${where.detail ? ` (${where.detail})` : ''}. Export it from the portal again.`,
        };
      case 'notSpreadsheet':
        return {
          zh: `这不是 Excel 或 CSV 文件${where.kind ? `，而是${where.kind.zh}` : ''}，无法导入。请从系统导出 Excel（.xlsx、.xls）或 CSV 文件后再导入。`,
          en: `This is not an Excel or CSV file${where.kind ? `: it is ${where.kind.en}` : ''}. Export an Excel (.xlsx, .xls) or CSV file from the portal and import that.`,
        };
      case 'encoding':
        return {
          zh: '文件的文字编码无法识别（既不是 UTF-8 也不是 GBK），大量字符无法读出。请在 Excel 中另存为“CSV UTF-8”后再导入。',
          en: 'The text encoding is neither UTF-8 nor GBK: most of its characters cannot be read. Save it as "CSV UTF-8" in Excel and import again.',
        };
      case 'noHeader':
        return {
          zh: `${at || '文件'}找不到表头行（一行列名，如“姓名、手机”）。请确认表格第一部分是列名。`,
          en: `${atEn} has no header row (a row of column names such as 姓名, 手机).`,
        };
      case 'noData':
        return { zh: `${at || '文件'}只有表头，没有数据行。`, en: `${atEn} has a header row but no data rows.` };
      case 'tooManyRows':
        return {
          zh: `${at || '文件'}超过 ${limits.rows.toLocaleString('en')} 行数据，一次最多导入 ${limits.rows.toLocaleString('en')} 行。请按顾问或日期拆分成几个文件分别导入。`,
          en: `${atEn} has more than ${limits.rows.toLocaleString('en')} data rows, the most one import takes. Split it (by consultant or date) into several files.`,
        };
      case 'tooManyColumns':
        return {
          zh: `${at || '文件'}有超过 ${limits.columns.toLocaleString('en')} 列，不像客户名单。请只保留需要的列后再导入。`,
          en: `${atEn} has more than ${limits.columns.toLocaleString('en')} columns, which is not a customer list. Keep only the columns you need.`,
        };
      case 'inflatesTooMuch':
        return {
          zh: '文件解压后过大（压缩比异常，可能是“压缩炸弹”），不像系统导出的客户表，已拒绝读取。请从系统重新导出。',
          en: 'The file would unpack to far more data than a customer sheet holds (an abnormal compression ratio): it was refused. Export it from the portal again.',
        };
      case 'zipDirectoryLies':
        return {
          zh: '文件的压缩目录与内容对不上（记录的大小与实际数据不符），可能已损坏或被篡改，已拒绝读取。请从系统重新导出。',
          en: "The file's zip directory does not match its contents (the sizes it records are not the data's): it may be damaged or tampered with, and was refused. Export it from the portal again.",
        };
      case 'zipTooComplex':
        return {
          zh: `文件的压缩结构异常（超过 ${ZIP_MAX_PARTS.toLocaleString('en')} 个部件，或使用了 ZIP64 超大格式），不像系统导出的客户表，已拒绝读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`,
          en: `The file's zip structure is not a workbook's (more than ${ZIP_MAX_PARTS.toLocaleString('en')} parts, or the ZIP64 format for huge files): it was refused. Open it in Excel or WPS, save it as .xlsx and import again.`,
        };
      case 'cellTooLong':
        return {
          zh: `${at || '文件'}的单元格 ${where.cell ?? ''} 超过 ${limits.cellChars.toLocaleString('en')} 个字符（Excel 单元格的上限），文件可能已损坏。`,
          en: `Cell ${where.cell ?? ''} of ${atEn.toLowerCase().startsWith('sheet') ? atEn : 'the file'} holds more than ${limits.cellChars.toLocaleString('en')} characters (Excel's own limit); the file may be damaged.`,
        };
    }
  })();
  const error: SheetsError = { code, message };
  if (where.sheet !== undefined) error.sheet = where.sheet;
  if (where.cell !== undefined) error.cell = where.cell;
  return error;
}
