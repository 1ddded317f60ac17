import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// XINBAO_API points the proxy elsewhere (another port, a staging server)
const api = process.env.XINBAO_API ?? 'http://localhost:4000'

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
  // `vite preview` serves dist/ the way the server will, with the same proxy.
  preview: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
})
