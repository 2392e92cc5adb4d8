// Launching Debian's Chromium for every browser test (those that need the static sites' addresses
// get it through helpers.mjs; serve.test.mjs and admin.test.mjs import it directly).

import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/** The browser: Debian's /usr/bin/chromium unless PLANPORTAL_CHROMIUM names another. */
export const CHROMIUM = process.env.PLANPORTAL_CHROMIUM || '/usr/bin/chromium';

/** Launches Debian's Chromium headless; never downloads a browser. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Launches the browser before the calling file's tests (unless `skip`) and closes it after them;
 * returns a function that gives the browser.
 */
export function browserForTests(skip) {
  let browser;
  before(async () => {
    if (!skip) browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}
