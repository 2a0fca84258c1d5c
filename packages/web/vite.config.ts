import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard is served by the platform at `/`, its API under `/api`. `npm run dev -w @shaobing/web`
 * proxies the API to a platform started with `npm start` (SHAOBING_API, default http://localhost:8080).
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': process.env.SHAOBING_API ?? 'http://localhost:8080' },
  },
});
