// End-to-end: the three built services as processes, over the real PostgreSQL and Kafka (see tools/infra).
module.exports = {
  displayName: 'registry-e2e',
  preset: '../../jest.preset.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 120000,
  globalSetup: '<rootDir>/../../tools/infra/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/../../tools/infra/jest-global-teardown.mjs',
};
