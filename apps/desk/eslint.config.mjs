import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  { ignores: ['src/api/generated/**'] },
  {
    // The root rules name .ts files; the desk's screens are .tsx and follow the same rules.
    files: ['**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The browser app talks to its services only through the typed clients; it imports no server-side library.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@registry/*', 'node:*'], message: 'The browser app imports no server-side code.' }] },
      ],
    },
  },
];
