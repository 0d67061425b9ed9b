import baseConfig from '../eslint.config.mjs';

// Benchmarks: scripts that print their figures on the console. They reuse the infrastructure scripts in
// tools/ by path, as plain Node modules, so the library-boundary rule does not apply to them.
export default [
  ...baseConfig,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', URL: 'readonly', globalThis: 'readonly' } },
    rules: { 'no-console': 'off', '@nx/enforce-module-boundaries': 'off' },
  },
];
