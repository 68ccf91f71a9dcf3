import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const { version } = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

// Multi-page: each page is one HTML input; the console page joins `input` later.
// The hub sends dist/screen.html for GET /screen and serves dist/ under /signage/,
// which is why `base` is /signage/ while the page itself lives at /screen.
export default defineConfig({
  root: here('.'),
  base: '/signage/',
  plugins: [svelte()],
  define: {
    __APP_VERSION__: JSON.stringify(version),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // `rolldownOptions` is Vite 8's name for what earlier versions called `rollupOptions`
    // (the old name still works but is deprecated).
    rolldownOptions: {
      input: {
        screen: here('./screen.html'),
        console: here('./console.html'),
      },
    },
  },
});
