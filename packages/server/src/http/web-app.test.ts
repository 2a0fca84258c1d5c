import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorHandler } from './error-handler.js';
import { webApp } from './web-app.js';

/** The dashboard's files at `/`: assets, the SPA fallback, /api left to the API, and a missing build. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shaobing-web-'));
  mkdirSync(join(dir, 'built', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'built', 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'built', 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'built', 'favicon.svg'), '<svg/>');
  mkdirSync(join(dir, 'empty'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function appOn(root: string) {
  const app = Fastify();
  app.setErrorHandler(errorHandler);
  await app.register(webApp({ root }));
  return app;
}

describe('with a build', () => {
  test.each(['/', '/alerts/12', '/public', '/events/3?tab=tasks'])(
    '%s answers the app (index.html)',
    async (url) => {
      const app = await appOn(join(dir, 'built'));
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      await app.close();
    },
  );

  test('hashed assets are served and cached for good', async () => {
    const app = await appOn(join(dir, 'built'));
    const response = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log(1)');
    expect(response.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/favicon.svg' })).body).toBe('<svg/>');
    await app.close();
  });

  test('an unknown /api path is a JSON 404, never the app', async () => {
    const app = await appOn(join(dir, 'built'));
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not-found' } });
    await app.close();
  });
});

test('without a build, / says how to build the dashboard instead of failing', async () => {
  const app = await appOn(join(dir, 'empty'));
  const response = await app.inject({ method: 'GET', url: '/' });
  expect(response.statusCode).toBe(503);
  expect(response.body).toContain('npm run build -w @shaobing/web');
  expect((await app.inject({ method: 'GET', url: '/api/v1/x' })).statusCode).toBe(404);
  await app.close();
});
