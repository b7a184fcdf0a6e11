// Browser tests of every role not covered by ui.test.mjs (freya of State XQ, the
// inspector, the auditor), of the detection-probability planner, the dashboard's last
// verification and the forms of issue #7: the server's reason shown next to the field
// it names, read-only roles shown no write buttons and refused writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, close, newPage, signIn, shot, navLabels, en, ar } from './lib.mjs';

before(launch);
after(close);

const READER_NAV = ['dashboard', 'cylinders', 'requests', 'accountancy', 'statistics', 'journal'];

// A write through the page's own API module (its in-memory CSRF token): the HTTP status.
async function tryWrite(page, path, body) {
  return page.evaluate(async ([p, b]) => {
    const m = await import('/js/api.js');
    try { await m.post(p, b); return 200; } catch (e) { return e.status; }
  }, [path, body]);
}

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('main .loading') && document.querySelector('main h1'));
}

test('freya (State XQ): only her State\'s requests, another State\'s request refused', async () => {
  const page = await newPage();
  await signIn(page, 'freya');
  assert.deepEqual((await navLabels(page)).map((n) => n.page), ['requests']);
  await page.waitForSelector('#requests tbody tr');
  const states = await page.$$eval('#requests tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(states.length >= 1);
  assert.deepEqual([...new Set(states)], ['XQ']);
  assert.equal(await page.locator('#states').count(), 0, 'no Member State records for a State representative');
  await shot(page, 'requests-freya');
  await page.goto(BASE + '/#/requests/REQ-0001');
  await page.waitForSelector('main .error');
  assert.match(await page.textContent('main .error'), /40[34]/);
  assert.equal(await page.locator('[data-testid="actions"]').count(), 0);
  await page.context().close();
});

test('inspector: every reading page; may weigh and seal, nothing else; a refused weighing names the field', async () => {
  const page = await newPage();
  await signIn(page, 'ingrid');
  assert.deepEqual((await navLabels(page)).map((n) => n.page), READER_NAV);
  await page.goto(BASE + '/#/cylinders/DEMO-KZ-01');
  await page.waitForSelector('[data-testid="cylinder-actions"]');
  for (const id of ['weigh', 'enrich', 'seal-apply']) assert.equal(await page.locator(`form#${id}`).count(), 1, id);
  for (const id of ['move', 'loss-gain']) assert.equal(await page.locator(`form#${id}`).count(), 0, id);
  // Every control has a label.
  const unlabelled = await page.$$eval('form#weigh input, form#weigh select', (els) => els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).length);
  assert.equal(unlabelled, 0);
  await page.fill('form#weigh input[name=gross_kg]', '2,277 kg');
  await page.fill('form#weigh input[name=calibration]', 'LC-2019');
  await page.click('form#weigh button[type=submit]');
  await page.waitForSelector('form#weigh .field-error[data-field="gross_kg"]');
  assert.equal(await page.getAttribute('form#weigh input[name=gross_kg]', 'aria-invalid'), 'true');
  assert.ok((await page.textContent('form#weigh .field-error')).trim().length > 0, 'the server\'s reason is shown');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'gross_kg');
  await shot(page, 'cylinder-inspector-refused');
  await page.goto(BASE + '/#/requests/REQ-0002');
  await page.waitForSelector('[data-testid="no-actions"]');
  await page.click('nav a[data-page="accountancy"]');
  await page.waitForSelector('#inventories');
  assert.equal(await page.locator('main form.action').count(), 0, 'no accountancy forms for the inspector');
  assert.equal(await tryWrite(page, '/items/DEMO-KZ-01/moves', { to: 'R09-01' }), 403);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('inspector: an enrichment measurement under a method in force, refused out of range next to the field, then recorded with its method and calibration', async () => {
  const page = await newPage();
  await signIn(page, 'ingrid');
  await page.goto(BASE + '/#/cylinders/DEMO-KZ-03');
  await page.waitForSelector('form#enrich');
  const unlabelled = await page.$$eval('form#enrich input', (els) => els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).length);
  assert.equal(unlabelled, 0);
  // The method is chosen from the methods in force (the demo: the default table), the acceptance instrument preselected.
  const offered = await page.$$eval('form#enrich select[name=method] option', (os) => os.map((o) => o.value));
  const inForce = (await (await page.request.get(BASE + '/api/v1/methods')).json()).methods.map((m) => m.name);
  assert.deepEqual(offered, inForce);
  assert.equal(await page.inputValue('form#enrich select[name=method]'), 'NDA gamma HPGe');
  const events = async () => page.locator('[data-testid="history"] li').count();
  const before = await events();
  // 0 % is outside (0, 100] %: the server's reason, next to the field, and nothing recorded.
  await page.fill('form#enrich input[name=u235_percent]', '0');
  await page.fill('form#enrich input[name=calibration]', 'HPGe-2026');
  await page.click('form#enrich button[type=submit]');
  await page.waitForSelector('form#enrich .field-error[data-field="u235_percent"]');
  assert.equal(await page.getAttribute('form#enrich input[name=u235_percent]', 'aria-invalid'), 'true');
  assert.equal(await events(), before, 'a refused measurement adds no event');
  await page.fill('form#enrich input[name=u235_percent]', '4.951');
  await page.selectOption('form#enrich select[name=method]', 'NDA gamma HPGe (IAEA)');
  await page.click('form#enrich button[type=submit]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="history"] li').length === n + 1, before);
  const last = await page.locator('[data-testid="history"] li').last().textContent();
  assert.match(last, new RegExp(en['event.cylinder.measured']));
  assert.match(last, /NDA gamma HPGe \(IAEA\)/);
  assert.match(last, /HPGe-2026/);
  assert.match(last, /U-235: 4[.,]951/);
  assert.deepEqual(page.errors, []);
  await shot(page, 'cylinder-enrichment-recorded');
  await page.context().close();
});

test('auditor: read-only views without write buttons; writes refused', async () => {
  const page = await newPage();
  await signIn(page, 'audrey');
  assert.deepEqual((await navLabels(page)).map((n) => n.page), READER_NAV);
  await page.goto(BASE + '/#/cylinders/DEMO-KZ-01');
  await page.waitForSelector('[data-testid="history"]');
  assert.equal(await page.locator('main form').count(), 0);
  await page.goto(BASE + '/#/requests/REQ-0002');
  await page.waitForSelector('[data-testid="no-actions"]');
  await page.goto(BASE + '/#/requests');
  await page.waitForSelector('#requests');
  assert.equal(await page.locator('main form').count(), 0);
  await page.click('nav a[data-page="accountancy"]');
  await page.waitForSelector('#inventories');
  assert.equal(await page.locator('main form.action').count(), 0);
  await shot(page, 'accountancy-auditor');
  assert.equal(await tryWrite(page, '/items/DEMO-KZ-01/moves', { to: 'R09-01' }), 403);
  assert.equal(await tryWrite(page, '/inventories', { mba: 'KZBK', all_found: true }), 403);
  assert.equal(await tryWrite(page, '/users', { user: 'mallory', roles: ['admin'] }), 403);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('statistics: the planner shows the server\'s reason next to a field, then its results', async () => {
  const page = await newPage();
  await signIn(page, 'aigerim');
  await page.click('nav a[data-page="statistics"]');
  await page.waitForSelector('form#plan');
  await page.fill('form#plan input[name=amount_kg]', '40');
  await page.fill('form#plan input[name=iterations]', '50000');
  await page.fill('form#plan input[name=seed]', '7');
  await page.click('form#plan button[type=submit]');
  await page.waitForSelector('form#plan .field-error[data-field="iterations"]');
  assert.match(await page.textContent('form#plan .field-error'), /20000/);
  await page.fill('form#plan input[name=iterations]', '2000');
  await page.click('form#plan button[type=submit]');
  await page.waitForSelector('#plan-table tbody tr');
  assert.equal(await page.locator('form#plan .field-error').count(), 0, 'the old reason is gone');
  assert.equal(await page.locator('#plan-table tbody tr').count(), 4);
  await page.waitForSelector('#chart-plan canvas');
  // The page shows the server's numbers: Page's test, its detection probability to 3 decimals.
  const api = await page.evaluate(async () => (await import('/js/api.js')).post('/statistics/plan',
    { scenario: 'abrupt', amount_kg: '40', periods: 12, iterations: 2000, seed: 7, false_alarm_percent: '5' }));
  const pageTest = api.report.tests.find((x) => x.test === 'page');
  const row = page.locator('#plan-table tbody tr', { hasText: en['plan.test_page'] });
  assert.match(await row.textContent(), new RegExp(pageTest.detection.toFixed(3).replace('.', '\\.')));
  const amount = api.amount_for_target.find((x) => x.test === 'page').amount;
  assert.match(await row.textContent(), new RegExp(amount.toFixed(1).replace('.', '\\.')));
  await shot(page, 'statistics-planner');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('dashboard: the last verification, by whom, when and through which door', async () => {
  const page = await newPage();
  await signIn(page, 'audrey');
  await page.click('nav a[data-page="journal"]');
  await page.click('form#verify button[type=submit]');
  await page.waitForSelector('[data-testid="verify-result"]');
  await page.click('nav a[data-page="dashboard"]');
  await page.waitForSelector('[data-testid="last-verification"]');
  const text = await page.textContent('[data-testid="last-verification"]');
  assert.equal((await page.textContent('[data-testid="verified-by"]')).trim(), 'audrey');
  assert.ok(text.includes(en['dash.via_api']) && text.includes(en['dash.verified_ok']), text);
  assert.ok(text.includes(await page.textContent('[data-testid="head-seq"]')), 'the head it verified is the current head');
  await shot(page, 'dashboard-last-verification');
  await page.context().close();
});

test('bank officer: a Member State fact, refused for a bad digest, then recorded', async () => {
  const page = await newPage();
  await signIn(page, 'bruno');
  await page.click('nav a[data-page="requests"]');
  await page.waitForSelector('form#state-fact');
  const f = page.locator('form#state-fact');
  await f.locator('select[name=state]').selectOption('XQ');
  await f.locator('select[name=fact]').selectOption('sir');
  assert.equal(await f.locator('fieldset[data-fact="csa"]').isHidden(), true);
  await f.locator('input[name=as_of]').fill('2026-01-15');
  await f.locator('input[name=evidence_ref]').fill('DEMO/XQ/sir-2025');
  await f.locator('input[name=evidence_sha256]').fill('not-a-digest');
  await f.locator('input[name=sir_year]').fill('2025');
  await f.locator('button[type=submit]').click();
  await page.waitForSelector('form#state-fact .field-error[data-field="evidence_sha256"]');
  await f.locator('input[name=evidence_sha256]').fill('de' + '0'.repeat(62));
  await f.locator('button[type=submit]').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#states tbody tr')].some((tr) => tr.textContent.includes('XQ') && tr.textContent.includes('2026-01-15')));
  await shot(page, 'requests-bruno-states');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('admin: a user\'s roles replaced, then the user disabled', async () => {
  const page = await newPage();
  await signIn(page, 'admin');
  await page.click('nav a[data-page="users"]');
  await page.waitForSelector('form#add-user');
  await page.fill('form#add-user input[name=user]', 'zoe');
  await page.check('form#add-user input[name=role_auditor]');
  await page.click('form#add-user button[type=submit]');
  await page.waitForFunction(() => [...document.querySelectorAll('#users tbody tr')].some((tr) => tr.textContent.startsWith('zoe')));
  await page.selectOption('form#set-roles select[name=user]', 'zoe');
  assert.equal(await page.isChecked('form#set-roles input[name=role_auditor]'), true, 'the boxes show her roles');
  await page.uncheck('form#set-roles input[name=role_auditor]');
  await page.check('form#set-roles input[name=role_inspector]');
  await page.click('form#set-roles button[type=submit]');
  await page.waitForFunction((label) => [...document.querySelectorAll('#users tbody tr')].some((tr) => tr.textContent.startsWith('zoe') && tr.textContent.includes(label)), en['role.inspector']);
  await page.selectOption('form#disable-user select[name=user]', 'zoe');
  await page.click('form#disable-user button[type=submit]');
  await page.waitForFunction((label) => [...document.querySelectorAll('#users tbody tr')].some((tr) => tr.textContent.startsWith('zoe') && tr.textContent.includes(label)), en['users.disabled']);
  await shot(page, 'users-changed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Arabic: a refused form shows the problem\'s title in Arabic and the server\'s reason isolated', async () => {
  const page = await newPage('ar');
  await signIn(page, 'aigerim');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.click('nav a[data-page="statistics"]');
  await page.waitForSelector('form#plan');
  await page.fill('form#plan input[name=iterations]', '50000');
  await page.click('form#plan button[type=submit]');
  await page.waitForSelector('form#plan .error');
  assert.ok((await page.textContent('form#plan .error strong')).includes(ar['problem.400']));
  assert.equal(await page.getAttribute('form#plan .field-error', 'dir'), 'auto');
  assert.equal(await page.getAttribute('form#plan .field-error', 'lang'), 'en');
  await shot(page, 'statistics-planner-ar-refused');
  await page.context().close();
});

// After ui.test.mjs (run.sh runs tests/ in name order), the request walked there has a restock order.
test('bank officer: a restock order\'s delivery form refuses a cylinder not in the books, next to the field', async () => {
  const page = await newPage();
  await signIn(page, 'bruno');
  const found = await page.evaluate(async () => {
    const m = await import('/js/api.js');
    for (const r of (await m.get('/requests?limit=1000')).items) {
      const d = await m.get(`/requests/${r.id}`);
      if ((d.restock_orders || []).length) return { id: d.id, order: d.restock_orders[0] };
    }
    return null;
  });
  assert.ok(found, 'a request with a restock order (made by ui.test.mjs)');
  await page.goto(`${BASE}/#/requests/${found.id}`);
  await page.waitForSelector('[data-testid="restock-orders"]');
  const form = page.locator(`form#restock-delivery-${found.order}`);
  assert.equal(await page.locator(`form#restock-acceptance-${found.order}`).count(), 0, 'accepted only once delivered');
  await form.locator('input[name=cylinders]').fill('NOPE-0001');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector(`form#restock-delivery-${found.order} .field-error[data-field="cylinders"]`);
  assert.match(await form.locator('.field-error').textContent(), /NOPE-0001/);
  await shot(page, 'request-restock-refused');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
