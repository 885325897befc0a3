import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// docs/architecture.md#the-floors: the architecture is kept by a check. lib/ is pure logic: no
// browser/chrome/document/window globals and no wxt imports outside
// lib/extension/, and lib never reaches up into components or entrypoints.
const purity = {
  'no-restricted-globals': [
    'error',
    { name: 'browser', message: 'lib/ is pure: reach the browser through lib/extension.' },
    { name: 'chrome', message: 'lib/ is pure: reach the browser through lib/extension.' },
    { name: 'document', message: 'lib/ is pure: take a Document or Element as a parameter.' },
    { name: 'window', message: 'lib/ is pure: take what you need from Window as a parameter.' },
    { name: 'localStorage', message: 'lib/ is pure.' },
    { name: 'location', message: 'lib/ is pure: take the URL as a parameter.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['wxt', 'wxt/*', '#imports'], message: 'Only lib/extension may import wxt.' },
        {
          group: ['**/components/**', '**/entrypoints/**', '@/components/*', '@/entrypoints/*'],
          message: 'lib/ never imports views or entrypoints.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['.tmp/**', '.output/**', '.wxt/**', 'node_modules/**', 'dist/**', 'test/fixtures/**/*.html', 'public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts', 'entrypoints/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['lib/extension/**'],
    languageOptions: { globals: {} },
    rules: purity,
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/entrypoints/**'], message: 'components never import entrypoints.' }] },
      ],
    },
  },
);
