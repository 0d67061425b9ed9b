const nxPreset = require('@nx/jest/preset').default;

// A few dependencies ship only ES modules, which Jest cannot require on Node 20: compile those to CommonJS.
const ESM_ONLY_DEPENDENCIES = ['content-disposition', 'jose'];

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    [`node_modules/(${ESM_ONLY_DEPENDENCIES.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true, diagnostics: false },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPENDENCIES.join('|')})/)`],
};
