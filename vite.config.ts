import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      // The markdown parser decodes entities with this package, whose "browser" build uses
      // document.createElement + innerHTML. Workers have no document, and the page needs no
      // innerHTML: use its table-based build everywhere.
      {
        find: /^decode-named-character-reference$/,
        replacement: fileURLToPath(
          new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url),
        ),
      },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // The CSP allows no inline script: keep Vite from inlining its module preload helper.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The UI loads from disk (app://) or the local host, never over a slow link; its largest
    // chunks are the app (~640 kB) and the markdown pipeline (~700 kB, loaded apart, and again
    // in its worker). Warn only past that.
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: false },
});
