import baseConfig from '../../eslint.config.mjs';

// An example for group companies to copy: a plain Node script with no dependency on this repository.
export default [
  ...baseConfig,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', URL: 'readonly', globalThis: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
];
