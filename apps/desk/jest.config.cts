// Unit tests of the desk's pure logic (PKCE, session, formatting, the server's settings), in Node.
module.exports = {
  displayName: 'desk',
  preset: '../../jest.preset.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/server/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/desk',
};
