module.exports = {
  displayName: 'audit:integration',
  preset: '../../jest.integration.preset.js',
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
};
