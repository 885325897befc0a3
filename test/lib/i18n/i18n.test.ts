import { describe, expect, it } from 'vitest';
import { both, format, pick } from '../../../lib/i18n';

const due = { zh: '今日待跟进 {n} 位', en: '{n} due today' };

describe('UI text in Chinese first, English beside', () => {
  it('gives the text of the chosen language with its placeholders filled', () => {
    expect(pick(due, 'zh', { n: 12 })).toBe('今日待跟进 12 位');
    expect(pick(due, 'en', { n: 12 })).toBe('12 due today');
  });
  it('falls back to the other language when a text is missing', () => {
    expect(pick({ zh: '客户', en: '' }, 'en')).toBe('客户');
  });
  it('shows both languages with the chosen one first, once when they are the same', () => {
    expect(both({ zh: '客户', en: 'Customers' }, 'zh')).toBe('客户 Customers');
    expect(both({ zh: '客户', en: 'Customers' }, 'en')).toBe('Customers 客户');
    expect(both({ zh: 'VIN', en: 'VIN' }, 'zh')).toBe('VIN');
  });
  it('leaves unknown placeholders as written', () => {
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
