module.exports = {
  displayName: 'kafka:integration',
  preset: '../../../jest.integration.preset.js',
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
};
