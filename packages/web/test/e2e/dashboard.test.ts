import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAlerting, type Alerting } from '../../../server/src/alerts/alerting.js';
import { loadCity } from '../../../server/src/city/load-city.js';
import { cityFolder } from '../../../server/src/city/read-city.js';
import { loadConfig } from '../../../server/src/config.js';
import { buildApp, type App } from '../../../server/src/http/app.js';
import { insertFixtureCity } from '../../../server/src/ingest/testing/fixture-city.js';
import { startResponseService, type ResponseService } from '../../../server/src/response/service.js';
import { createTestDatabase, type TestDatabase } from '../../../server/test/database.js';
import { hasChromium, launchChromium, paintOf, PAINT_OBSERVER, type Paint } from './browser.js';
import { createUsers, ingestCases, ingestLiveCase, PASSWORD } from './seed.js';

/**
 * The dashboard in a real browser (Debian's chromium through playwright-core) against the platform serving
 * the built app, on a small seeded data set (cholera in 江岸区, plague in 武昌区, the demo's users): the duty
 * officer confirms an alert as an event, the commander sets its response level and pushes a task to the
 * communities, a community worker reports back on a phone, the language switches, the public page opens
 * without login. Each page's first load is measured (FCP, LCP); screenshots go to artifacts/e2e/.
 */

const SHOTS = fileURLToPath(new URL('../../../../artifacts/e2e/', import.meta.url));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 860 };
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

if (!hasChromium) console.log('e2e: /usr/bin/chromium is not installed; the browser tests are skipped');

describe.skipIf(!hasChromium)('the dashboard in chromium', () => {
  let db: TestDatabase;
  let app: App;
  let alerting: Alerting;
  let response: ResponseService;
  let browser: Browser;
  let base: string;
  let alertId = 0;
  let eventId = 0;
  const paints: { page: string; paint: Paint }[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    await loadCity(db.pool, cityFolder('wuhan'));
    await insertFixtureCity(db.pool);
    await createUsers(db.pool);
    const loaded = loadConfig({ SHAOBING_CITY: 'wuhan' });
    if (!loaded.ok) throw new Error(loaded.message);
    app = await buildApp({
      config: loaded.config,
      db: { pool: db.pool, url: db.url, embedded: true, close: async () => {} },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    alerting = startAlerting({ pool: db.pool });
    response = startResponseService({ pool: db.pool, log: () => {}, intervalMs: 0 });
    await ingestCases(db.pool, yesterday());
    await alerting.settled();
    await response.settled();
    browser = await launchChromium();
  });

  afterAll(async () => {
    if (paints.length > 0) {
      console.log(`first load (ms)  ${'FCP'.padStart(6)} ${'LCP'.padStart(6)}`);
      for (const { page, paint } of paints) {
        const ms = (v: number | null) => (v === null ? '-' : v.toFixed(0)).padStart(6);
        console.log(`${page.padEnd(16)} ${ms(paint.fcp)} ${ms(paint.lcp)}`);
      }
    }
    await browser?.close();
    await response?.stop();
    await alerting?.stop();
    await app?.close();
    await db?.drop();
  });

  async function open(viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    await context.addInitScript(PAINT_OBSERVER);
    return { context, page: await context.newPage() };
  }

  async function logIn(page: Page, username: string) {
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

  test('the public page needs no login: the map, counts by district with small ones as "<5", the public alerts', async () => {
    const { context, page } = await open();
    await page.goto(`${base}/public`);
    const counts = page.getByTestId('public-counts').locator('tbody tr');
    await counts.nth(12).waitFor();
    expect(await counts.count()).toBe(13);
    // 江岸区 has 2 cholera cases and 1 public alert, 武昌区 1 plague case: each shown as "<5", never the count.
    const cells = async (code: string) =>
      (await page.locator(`tr[data-code="${code}"] td.num`).allInnerTexts()).map((c) => c.trim());
    expect(await cells('420102')).toEqual(['<5', '<5']);
    expect(await cells('420106')).toEqual(['<5', '<5']);
    expect(await cells('420103')).toEqual(['0', '0']);
    await page.getByTestId('public-alerts').locator('li').first().waitFor();
    expect(await page.getByTestId('public-alerts').innerText()).toContain('霍乱');
    await page.locator('[data-testid=city-map] canvas').waitFor();
    await shot(page, 'public');
    await context.close();
  });

  test("the duty officer of 江岸区 sees only that district's alerts, opens one, sees its evidence chart and confirms it as an event", async () => {
    const { context, page } = await open();
    await logIn(page, 'duty.jiangan');
    expect(new URL(page.url()).pathname).toBe('/alerts');
    const rows = page.getByTestId('alert-inbox').locator('tbody tr');
    await rows.first().waitFor();
    const places = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-place')));
    expect(places.length).toBeGreaterThan(0);
    expect(places.every((p) => p?.startsWith('420102'))).toBe(true);
    expect(await page.getByTestId('alert-inbox').innerText()).not.toContain('鼠疫');
    await shot(page, 'alert-inbox');

    // A new case while the inbox is open: its alert arrives through the live stream, no reload.
    await expect.poll(() => page.getByTestId('live').innerText()).toContain('实时');
    const before = await rows.count();
    await ingestLiveCase(db.pool, yesterday());
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await page.getByTestId('new-alerts').innerText()).toBe('1');
    expect(await page.getByTestId('alert-inbox').innerText()).toContain('鼠疫');

    await rows.filter({ hasText: '霍乱' }).first().locator('a').click();
    await page.waitForURL(/\/alerts\/\d+$/);
    alertId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('alert-reason').waitFor();
    expect(await page.getByTestId('alert-reason').innerText()).toContain('霍乱');
    // The evidence: the report-card series around the case, drawn as SVG with the observed line.
    const chart = page.getByTestId('evidence-chart').first();
    await chart.locator('path[stroke="#1f3b73"]').first().waitFor({ state: 'attached' });
    expect(await chart.locator('svg text', { hasText: '观测值' }).count()).toBeGreaterThan(0);
    await shot(page, 'alert-page');

    const decision = page.getByTestId('decision');
    await decision.locator('textarea[name=reason]').fill('流调确认两例霍乱，同一社区');
    await decision.getByRole('button', { name: '确认为事件' }).click();
    const link = decision.locator('a[href^="/events/"]');
    await link.waitFor();
    eventId = Number((await link.getAttribute('href'))?.split('/').pop());
    expect(eventId).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('verification-status').innerText()).toBe('confirmed');
    await shot(page, 'alert-confirmed');
    await context.close();
  });

  test('the commander sets the response level and pushes a task to every community of the district', async () => {
    expect(eventId).toBeGreaterThan(0);
    const { context, page } = await open();
    await logIn(page, 'commander');
    expect(new URL(page.url()).pathname).toBe('/map');
    await page.locator('[data-testid=city-map] canvas').waitFor();
    // A click on 江岸区 (at its label point; labels let clicks through) opens its open alerts.
    const label = page.locator('.map-label', { hasText: '江岸区' });
    await label.waitFor();
    const box = await label.boundingBox();
    if (!box) throw new Error('no label box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.getByTestId('district-panel');
    await expect.poll(() => panel.locator('h2').innerText()).toBe('江岸区');
    await panel.locator('a[href^="/alerts/"]').first().waitFor();
    await shot(page, 'situation-map');
    await page.goto(`${base}/events/${eventId}`);
    await page.getByTestId('response-level').waitFor();
    const form = page.getByTestId('level-form');
    await form.locator('select[name=level]').selectOption('III');
    await form.locator('input[name=level-reason]').fill('霍乱聚集，启动三级响应');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('response-level').innerText()).toBe('III');

    const push = page.getByTestId('push-form');
    await push.locator('select[name=area]').selectOption('420102');
    await push.locator('input[name=push-title]').fill('入户排查发热病人');
    await push.locator('button[type=submit]').click();
    await expect.poll(() => push.getByTestId('push-result').innerText()).toMatch(/已推送: [1-9]/);
    await page.getByTestId('task-table').first().waitFor();
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('level-set');
    expect(await page.getByTestId('timeline').innerText()).toContain('tasks-pushed');
    await shot(page, 'command-board');
    await context.close();
  });

  test('the community worker reports counts back from a phone-sized page', async () => {
    const { context, page } = await open(PHONE);
    await logIn(page, 'community.jiangan');
    expect(new URL(page.url()).pathname).toBe('/community');
    const card = page.getByTestId('community-task').filter({ hasText: '入户排查发热病人' }).first();
    await card.waitFor();
    await card.locator('input[name=householdsVisited]').fill('120');
    await card.locator('input[name=feverFound]').fill('3');
    await card.locator('input[name=referrals]').fill('1');
    await card.locator('button[type=submit]').click();
    await expect.poll(() => card.getByTestId('households').innerText()).toBe('120');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'community-phone');
    await context.close();
  });

  test('the language switch turns the dashboard into English and back', async () => {
    const { context, page } = await open();
    await logIn(page, 'duty.jiangan');
    await page.getByTestId('alert-inbox').waitFor();
    expect(await page.locator('header nav').innerText()).toContain('预警收件箱');
    await page.getByTestId('language-switch').click();
    expect(await page.locator('header nav').innerText()).toContain('Alert inbox');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByTestId('alert-inbox').waitFor();
    expect(await page.locator('h1').first().innerText()).toContain('Alert inbox');
    await shot(page, 'alert-inbox-en');
    await page.getByTestId('language-switch').click();
    expect(await page.locator('header nav').innerText()).toContain('预警收件箱');
    await context.close();
  });

  test('each page, loaded on its own, paints and shows its content', async () => {
    const pages: {
      name: string;
      user: string | null;
      path: string;
      ready: string;
      viewport?: typeof PHONE;
    }[] = [
      { name: 'public', user: null, path: '/public', ready: '[data-testid=public-counts] tbody tr' },
      { name: 'login', user: null, path: '/login', ready: 'input[name=username]' },
      { name: 'map', user: 'commander', path: '/map', ready: '[data-testid=city-map] canvas' },
      {
        name: 'alert-inbox',
        user: 'duty.jiangan',
        path: '/alerts',
        ready: '[data-testid=alert-inbox] tbody tr',
      },
      {
        name: 'alert-page',
        user: 'duty.jiangan',
        path: `/alerts/${alertId}`,
        ready: '[data-testid=evidence-chart] svg',
      },
      { name: 'events', user: 'commander', path: '/events', ready: '[data-testid=event-list] tbody tr' },
      {
        name: 'command-board',
        user: 'commander',
        path: `/events/${eventId}`,
        ready: '[data-testid=task-table]',
      },
      { name: 'explorer', user: 'analyst', path: '/explorer', ready: '[data-testid=explorer-chart] svg' },
      { name: 'channels', user: 'analyst', path: '/channels', ready: '[data-testid=channel-summary]' },
      { name: 'drills', user: 'analyst', path: '/drills', ready: 'h1' },
      {
        name: 'community',
        user: 'community.jiangan',
        path: '/community',
        ready: '[data-testid=community-task]',
        viewport: PHONE,
      },
    ];
    for (const p of pages) {
      const { context, page } = await open(p.viewport);
      if (p.user) await logIn(page, p.user);
      // A fresh document (the session cookie kept, nothing in memory): the page's own first load.
      const fresh = await context.newPage();
      await fresh.goto(`${base}${p.path}`);
      await fresh.locator(p.ready).first().waitFor({ state: 'attached' });
      paints.push({ page: p.name, paint: await paintOf(fresh) });
      await shot(fresh, `page-${p.name}`);
      await context.close();
    }
    for (const { paint } of paints) expect(paint.fcp).not.toBeNull();
  }, 240_000);
});
