// Integration and end-to-end tests: against the real PostgreSQL and Kafka that tools/infra provides
// (or brings up for the run when REGISTRY_PG_SERVER_URL and KAFKA_BROKERS are not set).
const { join } = require('node:path');
const base = require('./jest.preset.js');

module.exports = {
  ...base,
  transform: { ...base.transform, '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
  // Every suite closes what it opened, but a client library's reconnect timer (kafkajs after a broker went away)
  // may outlive the last test by its retry window; a finished run ends instead of waiting on it.
  forceExit: true,
  globalSetup: join(__dirname, 'tools', 'infra', 'jest-global-setup.mjs'),
  globalTeardown: join(__dirname, 'tools', 'infra', 'jest-global-teardown.mjs'),
};
