import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.cache', '.data', '.nx'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.cts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:policy', 'type:util', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
            // The joint-use notice in the policy library is the source of the allow-list, the purposes and the
            // eligibility rule, so policy depends on nothing of ours, and the event contracts only on policy.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:policy'] },
            { sourceTag: 'type:policy', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:policy', 'type:util'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Test infrastructure is for tests only: production code of apps and libraries may not import it.
    files: ['apps/*/src/**/*.ts', 'libs/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts', 'libs/shared/testing/**', 'apps/registry-e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@registry/testing', message: 'Only tests may import the test infrastructure.' }] }],
    },
  },
  {
    files: ['tools/**/*', 'bench/**/*', '**/test/**/*', '**/*.spec.ts', '**/*-spec.ts'],
    rules: { 'no-console': 'off' },
  },
];
