// Field checks for rule-set validation: each check adds an error with the
// dotted path of the field, so the options form can show the message at it
// (docs/grading.md#g02-validation-and-what-a-rule-change-shows-first: "Invalid edits ... are refused with a message at the field").
import type { Bilingual, ValidationError } from './input';

const msg = (zh: string, en: string): Bilingual => ({ zh, en });

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class Checker {
  constructor(readonly errors: ValidationError[]) {}

  fail(path: string, zh: string, en: string): false {
    this.errors.push({ path, message: msg(zh, en) });
    return false;
  }

  /** An object with exactly the known keys: unknown ones and missing required ones are errors. */
  object(
    value: unknown,
    path: string,
    required: readonly string[],
    optional: readonly string[] = [],
  ): value is Record<string, unknown> {
    if (!isRecord(value)) return this.fail(path, '应为一组设置', 'must be an object');
    let ok = true;
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key))
        ok = this.fail(join(path, key), `未知字段 “${key}”`, `unknown field "${key}"`);
    }
    for (const key of required) if (!(key in value)) ok = this.fail(join(path, key), '缺少此项', 'is missing');
    return ok;
  }

  bool(value: unknown, path: string): value is boolean {
    return typeof value === 'boolean' || this.fail(path, '应为 是/否', 'must be true or false');
  }

  /** A finite number in [min, max]; `integer` for day counts. */
  number(value: unknown, path: string, min: number, max: number, integer = false): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(path, '应为数字', 'must be a number');
    if (integer && !Number.isInteger(value)) return this.fail(path, '应为整数', 'must be a whole number');
    if (value < 0 && min >= 0) return this.fail(path, '不能为负数', 'must not be negative');
    if (value < min) return this.fail(path, `不能小于 ${min}`, `must be at least ${min}`);
    if (value > max) return this.fail(path, `不能大于 ${max}`, `must be at most ${max}`);
    return true;
  }

  /** Whole days, 0 .. 3650 unless told. */
  days(value: unknown, path: string, min = 0, max = 3650): value is number {
    return this.number(value, path, min, max, true);
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): value is T {
    return (
      (typeof value === 'string' && (options as readonly string[]).includes(value)) ||
      this.fail(path, `应为 ${options.join(' / ')} 之一`, `must be one of ${options.join(', ')}`)
    );
  }

  text(value: unknown, path: string): value is string {
    return (typeof value === 'string' && value.trim() !== '') || this.fail(path, '不能为空', 'must not be empty');
  }

  /** An array of distinct items from `options` (or any non-empty text when options is null). */
  list(value: unknown, path: string, options: readonly string[] | null): value is string[] {
    if (!Array.isArray(value)) return this.fail(path, '应为列表', 'must be a list');
    let ok = true;
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (options ? !this.oneOf(item, join(path, i), options) : !this.text(item, join(path, i))) ok = false;
      else if (seen.has(item as string))
        ok = this.fail(join(path, i), `重复: ${String(item)}`, `duplicate: ${String(item)}`);
      else seen.add(item as string);
    });
    return ok;
  }
}

export const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));
