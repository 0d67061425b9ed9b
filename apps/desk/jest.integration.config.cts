// The desk in headless Chromium against the built services, the desk server and the development identity provider.
module.exports = {
  displayName: 'desk:integration',
  preset: '../../jest.integration.preset.js',
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts', '<rootDir>/journeys/**/*.journey-spec.ts'],
  testTimeout: 180000,
};
