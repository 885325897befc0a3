// lib/sheets (docs/architecture.md#libsheets): xlsx/csv writers and readers, pure: bytes in, bytes out.
export * from './cells';
export * from './write';
export * from './csv';
export * from './errors';
export * from './table';
export * from './read';
export * from './workbook';
export * from './backup';
export * from './kind';
