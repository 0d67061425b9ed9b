// Integration tests run against the real PostgreSQL and Kafka (see tools/infra).
module.exports = {
  displayName: 'persistence:integration',
  preset: '../../../jest.preset.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/../../../tools/infra/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/../../../tools/infra/jest-global-teardown.mjs',
};
