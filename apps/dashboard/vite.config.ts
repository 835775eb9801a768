import { defineConfig } from 'vite';

// React through esbuild's automatic JSX runtime (no Babel plugin needed for a production build).
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // zod's sources carry esbuild-style pure annotations, and the router's "use client" lines
      // for server components: Rollup reports and ignores both, as it should for a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION' && warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': { target: 'http://localhost:8080', ws: true } } },
});
