import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from './api-error.js';

/**
 * The dashboard (packages/web, built by `npm install` into packages/web/dist) at `/`: its hashed assets
 * cached for good, every other path outside /api answered with index.html so that the browser's router
 * shows the page (a reload of /alerts/12 works). Without a build, `/` says how to make one; the API runs
 * either way.
 */

/** packages/web/dist, from packages/server/src/http or packages/server/dist/http alike. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// Routes declare their access for the guard (src/access); the dashboard's files are public, the data the
// pages then ask for is not.
const PUBLIC = { access: { public: true as const } };

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>哨兵 Shaobing</title>
<body style="font-family:sans-serif;margin:3rem">
<h1>仪表盘尚未构建 · The dashboard is not built</h1>
<p>运行 <code>npm run build -w @shaobing/web</code>（<code>npm install</code> 会自动执行）后刷新本页。API 正常运行：<a href="/api/docs">/api/docs</a>。</p>
<p>Run <code>npm run build -w @shaobing/web</code> (<code>npm install</code> does it) and reload. The API is running: <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

export const webApp =
  (options: { root?: string } = {}): FastifyPluginAsync =>
  async (app) => {
    const root = options.root ?? WEB_DIST;
    const built = existsSync(join(root, 'index.html'));
    if (built) await app.register(fastifyStatic, { root, serve: false });

    app.get('/assets/*', { config: PUBLIC, schema: { hide: true } }, async (request, reply) => {
      if (!built) throw new ApiError('not-found', 'error.not-found', { what: request.url });
      const file = (request.params as { '*': string })['*'];
      return reply.sendFile(`assets/${file}`, { immutable: true, maxAge: '365d' });
    });

    app.get('/*', { config: PUBLIC, schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/')) {
        throw new ApiError('not-found', 'error.not-found', { what: `${request.method} ${request.url}` });
      }
      if (!built) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      const file = path.slice(1);
      // Files at the top of the build (favicon, robots.txt); anything else is a page of the app.
      if (file && !file.includes('/') && file !== 'index.html' && existsSync(join(root, file))) {
        return reply.sendFile(file, { maxAge: '1h' });
      }
      // The page must be revalidated on every visit: it names the current build's assets.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  };
