// Every string in every language; no English left on the pages in Russian.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, launch, close, newPage, signIn, shot, en, ru, ar } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

test('every key of en.json is in ru.json and ar.json, and none is empty', () => {
  for (const [name, d] of [['ru', ru], ['ar', ar]]) {
    const missing = Object.keys(en).filter((k) => !(k in d) || !String(d[k]).trim());
    assert.deepEqual(missing, [], `${name}.json lacks keys`);
    const extra = Object.keys(d).filter((k) => !(k in en));
    assert.deepEqual(extra, [], `${name}.json has keys en.json lacks`);
  }
});

test('every literal key used in the code is in en.json', () => {
  const files = [path.join(here, '..', 'app.js'), ...fs.readdirSync(path.join(here, '..', 'js'), { recursive: true })
    .filter((f) => f.endsWith('.js')).map((f) => path.join(here, '..', 'js', f))];
  const missing = [];
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\b(?:t|section|empty)\('([a-z0-9_]+\.[a-z0-9_.]+)'/g)) if (!(m[1] in en)) missing.push(`${path.basename(f)}: ${m[1]}`);
  }
  assert.deepEqual(missing, []);
});

before(launch);
after(close);

test('Russian: no visible English UI string on the pages', async () => {
  // English strings that differ in Russian (placeholders removed): none may show.
  const english = new Set(Object.keys(en).filter((k) => en[k] !== ru[k] && !en[k].includes('{')).map((k) => en[k]));
  const page = await newPage('ru');
  await signIn(page, 'admin');
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  for (const p of ['dashboard', 'cylinders', 'requests', 'accountancy', 'statistics', 'journal', 'users']) {
    await page.goto(`${BASE}/#/${p}`);
    await page.waitForSelector(`nav a[aria-current="page"][data-page="${p}"]`);
    await page.waitForFunction(() => !document.querySelector('main .loading') && document.querySelector('main h1'));
    assert.equal((await page.textContent('main h1')).trim(), ru[`nav.${p}`]);
    const texts = await page.evaluate(() => {
      const out = [];
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('pre, code, script, style') || !el.checkVisibility()) continue;
        const s = n.textContent.trim();
        if (s) out.push(s);
      }
      for (const el of document.querySelectorAll('[placeholder], [aria-label]')) out.push(el.getAttribute('placeholder') || el.getAttribute('aria-label'));
      return out;
    });
    const left = texts.filter((s) => english.has(s));
    assert.deepEqual(left, [], `English on ${p}`);
    const nav = await page.$$eval('nav.nav a', (as) => as.map((a) => [a.dataset.page, a.textContent.trim()]));
    for (const [id, text] of nav) assert.equal(text, ru[`nav.${id}`]);
    await shot(page, `${p}-ru`);
  }
  await page.context().close();
});
