import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server in development; override with NANG_TAM_API=http://127.0.0.1:3100 when needed.
const apiTarget = process.env.NANG_TAM_API ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks each page loads (bench/initial-js.mjs); a dot folder, never served
    manifest: true,
    // antd is not one chunk: each page loads only the components it uses (shared ones in shared
    // chunks), so /login, /verify and /checkin do not download all of it (docs/decisions/0024).
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      // The shared packages are plain declarations: the web app takes its error catalogue and
      // vocabularies from them without bundling the zod schemas it does not run.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]packages[\\/](contracts|domain)[\\/]src[\\/]/.test(id),
      },
      output: {
        codeSplitting: {
          // React alone is in the entry; React Router only in the signed-in app (docs/decisions/0060)
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|react-router-dom)[\\/]/ },
          ],
        },
      },
    },
  },
});
