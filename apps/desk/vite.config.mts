import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The desk's browser app, built into dist/apps/desk/public and served by the desk server (server/).
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  publicDir: 'public',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/desk/public', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or styles: the desk is served under a policy that allows only its own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
