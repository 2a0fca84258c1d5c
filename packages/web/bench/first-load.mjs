// npm run bench:web — each dashboard page's first load in Debian's chromium against a running platform
// (`npm start` with the demo), as First Contentful Paint and Largest Contentful Paint measured in the page,
// and the size of every chunk of the build. SHAOBING_URL (default http://localhost:8080) and
// SHAOBING_DEMO_PASSWORD (the demo users' password, printed at start) say where and as whom.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = process.env.SHAOBING_URL ?? 'http://localhost:8080';
const password = process.env.SHAOBING_DEMO_PASSWORD;
const runs = Number(process.env.RUNS ?? 3);
if (!password) {
  console.error('bench:web: set SHAOBING_DEMO_PASSWORD to the demo users’ password');
  process.exit(2);
}

const assets = fileURLToPath(new URL('../dist/assets/', import.meta.url));
console.log('chunk                                   bytes    gzip');
for (const file of readdirSync(assets).sort()) {
  const bytes = statSync(assets + file).size;
  const gzip = gzipSync(readFileSync(assets + file)).length;
  console.log(`${file.padEnd(38)} ${String(bytes).padStart(8)} ${String(gzip).padStart(7)}`);
}

const PAINT = `
  window.__paint = { fcp: null, lcp: null };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__paint.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => { const e = l.getEntries(); window.__paint.lcp = e[e.length - 1].startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

async function session(username) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  const cookies = (response.headers.getSetCookie?.() ?? []).map((c) => {
    const [pair] = c.split(';');
    const [name, value] = pair.split('=');
    return { name, value, url: base };
  });
  const { token } = await response.json();
  return { cookies, token };
}

async function firstId(path, token) {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  return body.items?.[0]?.id;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
});
const commander = await session('commander');
const alertId = await firstId('/api/v1/alerts?status=open&limit=1', commander.token);
const eventId = await firstId('/api/v1/events?limit=1', commander.token);
const phone = { width: 390, height: 844 };
const pages = [
  { name: 'public', user: null, path: '/public', ready: '[data-testid=public-counts] tbody tr' },
  { name: 'login', user: null, path: '/login', ready: 'input[name=username]' },
  { name: 'map', user: 'commander', path: '/map', ready: '[data-testid=city-map] canvas' },
  { name: 'alert-inbox', user: 'duty.hongshan', path: '/alerts', ready: '[data-testid=alert-inbox]' },
  ...(alertId
    ? [
        {
          name: 'alert-page',
          user: 'commander',
          path: `/alerts/${alertId}`,
          ready: '[data-testid=evidence-chart] svg',
        },
      ]
    : []),
  { name: 'events', user: 'commander', path: '/events', ready: '[data-testid=event-list]' },
  ...(eventId
    ? [
        {
          name: 'command-board',
          user: 'commander',
          path: `/events/${eventId}`,
          ready: '[data-testid=timeline]',
        },
      ]
    : []),
  { name: 'explorer', user: 'analyst', path: '/explorer', ready: '[data-testid=explorer-chart] svg' },
  { name: 'channels', user: 'analyst', path: '/channels', ready: '[data-testid=channel-summary]' },
  { name: 'drills', user: 'analyst', path: '/drills', ready: 'h1' },
  { name: 'community', user: 'community.hongshan', path: '/community', ready: 'h1', viewport: phone },
];
const sessions = new Map();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nfirst load, median of ${runs} (ms)    FCP    LCP   ready`);
for (const p of pages) {
  const fcp = [],
    lcp = [],
    ready = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({
      viewport: p.viewport ?? { width: 1366, height: 860 },
      locale: 'zh-CN',
    });
    if (p.user) {
      if (!sessions.has(p.user)) sessions.set(p.user, await session(p.user));
      await context.addCookies(sessions.get(p.user).cookies);
    }
    await context.addInitScript(PAINT);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}${p.path}`);
    await page.locator(p.ready).first().waitFor({ state: 'attached', timeout: 60_000 });
    ready.push(Date.now() - started);
    await page.waitForTimeout(300);
    const paint = await page.evaluate('window.__paint');
    fcp.push(paint.fcp ?? NaN);
    lcp.push(paint.lcp ?? NaN);
    await context.close();
  }
  console.log(
    `${p.name.padEnd(32)} ${median(fcp).toFixed(0).padStart(6)} ${median(lcp).toFixed(0).padStart(6)} ${String(median(ready)).padStart(7)}`,
  );
}
await browser.close();
