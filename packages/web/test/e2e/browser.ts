import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, driven by playwright-core (no browser is ever downloaded). */

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
}

/** Records First Contentful Paint and Largest Contentful Paint in the page itself. */
export const PAINT_OBSERVER = `
  window.__paint = { fcp: null, lcp: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__paint.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    window.__paint.lcp = entries[entries.length - 1].startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

export interface Paint {
  readonly fcp: number | null;
  readonly lcp: number | null;
}

/** The paint figures once the page has shown what it is for; LCP is final at the first input or hide. */
export async function paintOf(page: Page): Promise<Paint> {
  await page.waitForTimeout(250);
  return page.evaluate<Paint>('window.__paint');
}
