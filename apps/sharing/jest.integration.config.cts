module.exports = {
  displayName: 'sharing:integration',
  preset: '../../jest.integration.preset.js',
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
};
