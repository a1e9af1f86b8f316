/**
 * The console's build (`npm run build:web`, and `npm start` when the build is stale) and dev server
 * (`npm run dev:web`: hot reload, /api and /healthz proxied to the API on YILIAN_API or :3000).
 * Run with this folder as Vite's root. JSX is compiled by Vite's own transformer (React's automatic
 * runtime), so no React plugin is needed.
 */
import { defineConfig } from 'vite';

declare const process: { env: Record<string, string | undefined> };

const api = process.env.YILIAN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one big chunk by design; the warning would only be noise.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api },
  },
});
