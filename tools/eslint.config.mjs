import baseConfig from '../eslint.config.mjs';

// Command-line scripts: they talk to the person running them on the console.
export default [
  ...baseConfig,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', URL: 'readonly', globalThis: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
];
