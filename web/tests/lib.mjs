// Shared helpers of the browser tests: Debian's Chromium driven by playwright-core
// against the server whose URL is in LEUBANK_URL (web/tests/run.sh starts it).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE = process.env.LEUBANK_URL || 'http://127.0.0.1:8080';
const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = process.env.LEUBANK_ARTIFACTS || path.join(here, 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const en = JSON.parse(fs.readFileSync(path.join(here, '..', 'i18n', 'en.json'), 'utf8'));
export const ru = JSON.parse(fs.readFileSync(path.join(here, '..', 'i18n', 'ru.json'), 'utf8'));
export const ar = JSON.parse(fs.readFileSync(path.join(here, '..', 'i18n', 'ar.json'), 'utf8'));

let browser;
export async function launch() {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  return browser;
}
export async function close() { if (browser) await browser.close(); }

// A fresh context (no cookies) per user; console errors and failed pages fail the test.
export async function newPage(lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (lang) await context.addInitScript((l) => localStorage.setItem('leubank.lang', l), lang);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) page.errors.push(m.text()); });
  return page;
}

export async function signIn(page, user, password = `leubank-demo-${user}`) {
  await page.goto(BASE + '/');
  await page.waitForSelector('#signin-user');
  await page.fill('#signin-user', user);
  await page.fill('#signin-password', password);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('nav.nav a[aria-current="page"]');
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function navLabels(page) {
  return page.$$eval('nav.nav a', (as) => as.map((a) => ({ page: a.dataset.page, text: a.textContent.trim() })));
}
