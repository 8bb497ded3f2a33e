import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the API to a locally running server (PORT 3100 by default), so that
// the session cookie stays first-party; the production build is served by the server itself.
const apiTarget = process.env.API_URL ?? 'http://localhost:3100';

export default defineConfig({
  plugins: [react()],
  // ws: the live pages' WebSocket (/api/v1/live/…) goes through the same proxy.
  server: { port: 5173, proxy: { '/api': { target: apiTarget, ws: true }, '/healthz': apiTarget } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Keep the big, rarely changing libraries in their own cacheable chunks.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
});
