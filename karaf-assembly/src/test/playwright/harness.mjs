// What the browser scenarios share: the appliance's URL, the screenshot per step, a page that fails
// on any script error, and the runner that starts Debian's Chromium, runs the scenario named on the
// command line and prints one JSON line with what the Java test checks in the core.
//
//   node <file>.e2e.mjs <scenario>   with SWITCHBOARD (appliance URL), SHOP (host page URL),
//                                    SHOTS (screenshot folder), CHROMIUM (browser binary)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE = process.env.SWITCHBOARD;
export const SHOP = process.env.SHOP;
export const SHOTS = process.env.SHOTS;
export const STEP = 15_000; // every wait has a timeout

/** Runs the scenario named by the first argument; exits non-zero when it fails. */
export function run(scenarios) {
  main(scenarios).catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}

async function main(scenarios) {
  const name = process.argv[2];
  assert.ok(scenarios[name], `unknown scenario ${name}`);
  mkdirSync(`${SHOTS}/${name}`, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  const alerts = [];
  try {
    const result = await scenarios[name]({ browser, name, alerts });
    assert.deepEqual(alerts, [], 'no script ran from customer input');
    console.log(JSON.stringify({ ok: true, ...result }));
  } finally {
    await browser.close();
  }
}

let shot = 0;
export async function snap(page, scenario, what) {
  shot += 1;
  await page.screenshot({ path: `${SHOTS}/${scenario}/${String(shot).padStart(2, '0')}-${what}.png` });
}

export async function newPage(browser, alerts) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.on('dialog', async (d) => { alerts.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => { throw e; });
  return { context, page };
}
