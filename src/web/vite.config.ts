import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root (npm scripts do): paths are relative to it.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The first screen must stay under 200 kB of gzipped JS; charts are split off (lazy).
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
