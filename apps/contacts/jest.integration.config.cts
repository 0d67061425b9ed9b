module.exports = {
  displayName: 'contacts:integration',
  preset: '../../jest.integration.preset.js',
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
};
