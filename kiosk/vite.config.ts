import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two pages from one package: the kiosk (GET /kiosk sends dist/kiosk.html) and the member
// pass (GET /m, /m/join, /m/link send dist/m.html). The hub serves dist/ under /kiosk-app/,
// which is why `base` is /kiosk-app/ while the pages themselves live at /kiosk and /m.
export default defineConfig({
  root: here('.'),
  base: '/kiosk-app/',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // `rolldownOptions` is Vite 8's name for what earlier versions called `rollupOptions`.
    rolldownOptions: {
      input: {
        kiosk: here('./kiosk.html'),
        m: here('./m.html'),
      },
      output: {
        // What both pages load (the Svelte runtime, i18n, the privacy notice) in one chunk
        // with a name that says so, instead of one named after whichever module came first.
        codeSplitting: {
          groups: [{ name: 'common', minShareCount: 2 }],
        },
      },
    },
  },
});
