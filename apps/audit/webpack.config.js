const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/audit'), clean: true },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      // The administrator's page: served by src/admin/admin-page.controller.ts, which finds them beside main.js.
      assets: [{ input: './src/admin/assets', glob: '*.{html,js,css}', output: 'admin-assets' }],
    }),
  ],
};
