import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A saved page from test/fixtures/scrape/hand, parsed as the browser would. */
export function handFixture(name: string): Document {
  return parse(readFileSync(join(__dirname, '../../fixtures/scrape/hand', name), 'utf8'));
}

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
