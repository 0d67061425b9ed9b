// End-to-end: the three built services as processes.
module.exports = {
  displayName: 'registry-e2e',
  preset: '../../jest.integration.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 120000,
};
