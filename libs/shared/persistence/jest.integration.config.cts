module.exports = {
  displayName: 'persistence:integration',
  preset: '../../../jest.integration.preset.js',
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
};
