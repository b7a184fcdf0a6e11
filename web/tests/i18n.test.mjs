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

test('every journal event type has a label in en.json', () => {
  // The event types are the string constants of src/ledger/*event*.hpp ("cylinder.measured", ...).
  const ledger = path.join(here, '..', '..', 'src', 'ledger');
  const types = fs.readdirSync(ledger).filter((f) => /event.*\.hpp$/.test(f))
    .flatMap((f) => [...fs.readFileSync(path.join(ledger, f), 'utf8').matchAll(/constexpr const char\* k\w+ = "([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]));
  assert.ok(types.includes('cylinder.measured') && types.length > 40, `found ${types.length} event types`);
  assert.deepEqual(types.filter((type) => !(`event.${type}` in en)), []);
  const stale = Object.keys(en).filter((k) => k.startsWith('event.') && !types.includes(k.slice('event.'.length)));
  assert.deepEqual(stale, [], 'labels of event types that do not exist');
});

before(launch);
after(close);

for (const [lang, tr] of [['ru', ru], ['ar', ar]]) test(`${lang}: no visible English UI string on the pages`, async () => {
  // English strings that differ in this language (placeholders removed): none may show.
  // (A symbol such as "U-235" that this language also uses elsewhere is not English.)
  const own = new Set(Object.values(tr));
  const english = new Set(Object.keys(en).filter((k) => en[k] !== tr[k] && !en[k].includes('{') && !own.has(en[k])).map((k) => en[k]));
  const page = await newPage(lang);
  await signIn(page, 'admin');
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  const pages = ['dashboard', 'cylinders', 'requests', 'accountancy', 'statistics', 'journal', 'users',
    'cylinders/DEMO-KZ-02', 'requests/REQ-0001'];
  for (const route of pages) {
    const [p, arg] = route.split('/');
    await page.goto(`${BASE}/#/${route}`);
    await page.waitForSelector(`nav a[aria-current="page"][data-page="${p}"]`);
    await page.waitForFunction(() => !document.querySelector('main .loading') && document.querySelector('main h1'));
    const title = (await page.textContent('main h1')).trim();
    if (arg) assert.ok(title.startsWith(tr[p === 'cylinders' ? 'cyl.detail_title' : 'req.detail_title'].replace('{id}', arg)), title);
    else assert.equal(title, tr[`nav.${p}`]);
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
    assert.deepEqual(left, [], `English on ${route}`);
    const nav = await page.$$eval('nav.nav a', (as) => as.map((a) => [a.dataset.page, a.textContent.trim()]));
    for (const [id, text] of nav) assert.equal(text, tr[`nav.${id}`]);
    await shot(page, `${route.replace('/', '-')}-${lang}`);
  }
  await page.context().close();
});
