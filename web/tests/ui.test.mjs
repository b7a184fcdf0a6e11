// Browser tests of the web UI against a real server and demo database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, close, newPage, signIn, shot, navLabels, en, ar } from './lib.mjs';

before(launch);
after(close);

test('operator: dashboard shows the 60 cylinders and the reserve limit', async () => {
  const page = await newPage();
  await signIn(page, 'olga');
  await page.waitForSelector('[data-testid="reserve-cylinders"] .value');
  assert.equal((await page.textContent('[data-testid="reserve-cylinders"] .value')).trim(), '60');
  assert.match(await page.textContent('[data-testid="reserve-u"]'), /90\.006/);
  await page.waitForSelector('#reserve-meter');
  assert.equal(await page.getAttribute('#reserve-meter', 'max'), '60');
  assert.match(await page.textContent('[data-testid="head-seq"]'), /^\d+$/);
  assert.match(await page.textContent('[data-testid="alarms"]'), new RegExp(en['dash.no_alarms'].replace('.', '\\.')));
  const nav = (await navLabels(page)).map((n) => n.page);
  assert.deepEqual(nav, ['dashboard', 'cylinders', 'requests', 'accountancy', 'statistics', 'journal']);
  await shot(page, 'dashboard-olga');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('cylinders: the table sorts, filters and opens a cylinder with its history', async () => {
  const page = await newPage();
  await signIn(page, 'olga');
  await page.click('nav a[data-page="cylinders"]');
  await page.waitForSelector('#cylinders tbody tr');
  assert.equal(await page.locator('#cylinders tbody tr').count(), 60);
  // Sort by id descending: the first row becomes DEMO-OR-32.
  await page.click('button[data-sort="id"]');
  await page.waitForSelector('th[aria-sort="descending"] button[data-sort="id"]');
  assert.equal((await page.textContent('#cylinders tbody tr:first-child td:first-child')).trim(), 'DEMO-OR-32');
  // Sort by net UF6 ascending, with the keyboard: numbers, not strings.
  await page.focus('button[data-sort="net_uf6_mg"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="net_uf6_mg"]');
  const nets = await page.$$eval('#cylinders tbody tr td:nth-child(4)', (tds) => tds.map((td) => Number(td.textContent.replace(/[^\d.]/g, ''))));
  assert.deepEqual(nets, [...nets].sort((a, b) => a - b));
  assert.match(await page.textContent('#cylinders tbody tr:first-child td:nth-child(4)'), /^\d{1,3}(,\d{3})*\.\d{3}$/);
  await page.fill('#cyl-filter', 'KZ');
  await page.waitForFunction(() => document.querySelectorAll('#cylinders tbody tr').length === 28);
  assert.match(await page.textContent('[data-testid="cyl-count"]'), /28/);
  await shot(page, 'cylinders');
  await page.fill('#cyl-filter', 'DEMO-KZ-02');
  await page.waitForFunction(() => document.querySelectorAll('#cylinders tbody tr').length === 1);
  await page.click('#cylinders tbody a');
  await page.waitForSelector('[data-testid="history"] li');
  assert.ok(await page.locator('[data-testid="history"] li').count() >= 2);
  assert.match(await page.textContent('h1'), /DEMO-KZ-02/);
  assert.match(await page.textContent('[data-testid="history"]'), /cylinder received/);
  await shot(page, 'cylinder-detail');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('state representative: only its own request, no Cylinders page', async () => {
  const page = await newPage();
  await signIn(page, 'samir');
  const nav = (await navLabels(page)).map((n) => n.page);
  assert.deepEqual(nav, ['requests']);
  await page.waitForSelector('#requests tbody tr');
  const ids = await page.$$eval('#requests tbody tr td:first-child', (tds) => tds.map((td) => td.textContent.trim()));
  assert.deepEqual(ids, ['REQ-0001']);
  await page.goto(BASE + '/#/cylinders');
  await page.waitForSelector('nav a[aria-current="page"][data-page="requests"]');
  assert.equal(await page.locator('#cylinders').count(), 0);
  await shot(page, 'requests-samir');
  await page.context().close();
});

test('supply workflow: bank officer assesses, DG proposes, the two-person rule holds, bank officer confirms', async () => {
  const bruno = await newPage();
  await signIn(bruno, 'bruno');
  await bruno.goto(BASE + '/#/requests/REQ-0002');
  await bruno.waitForSelector('#criteria tbody tr');
  assert.equal(await bruno.locator('#criteria tbody tr').count(), 5);
  assert.match(await bruno.textContent('#criteria'), /latest Safeguards Implementation Report/);
  assert.match(await bruno.textContent('#criteria'), /DEMO\/XQ\/attestation-1/);
  await bruno.waitForSelector('[data-testid="actions"] form#act-assessment');
  assert.equal(await bruno.locator('form#act-cancellation').count(), 1);
  await shot(bruno, 'request-bruno');
  // A refusal by the server is shown next to the form: criterion 2 has no attestation.
  const f = bruno.locator('form#act-assessment');
  await f.locator('input[name=criterion1_met]').check();
  await f.locator('input[name=criterion1_basis]').fill('DEMO: disruption documented');
  await f.locator('input[name=criterion2_met]').check();
  await f.locator('input[name=criterion2_basis]').fill('DEMO: no attestation yet');
  await f.locator('button[type=submit]').click();
  await bruno.waitForSelector('form#act-assessment .error');
  assert.match(await bruno.textContent('form#act-assessment .error'), /4\d\d/);
  // Assess criterion 2 as not met: the request fails a criterion.
  await f.locator('input[name=criterion2_met]').uncheck();
  await f.locator('button[type=submit]').click();
  await bruno.waitForSelector('#criteria tbody tr:nth-child(2) .badge.danger');
  assert.match(await bruno.textContent('#criteria tbody tr:nth-child(2)'), /not met/);
  assert.match(await bruno.textContent('#criteria tbody tr:nth-child(3)'), /met/);

  const dg = await newPage();
  await signIn(dg, 'dg');
  await dg.goto(BASE + '/#/requests/REQ-0002');
  await dg.waitForSelector('form#act-determination-proposal');
  // Approving a request that fails a criterion is refused, with the server's reason.
  await dg.locator('form#act-determination-proposal textarea[name=reasons]').fill('DEMO: approve');
  await dg.click('form#act-determination-proposal button[type=submit]');
  await dg.waitForSelector('form#act-determination-proposal .error');
  assert.match(await dg.textContent('form#act-determination-proposal .error'), /criterion/i);
  await dg.selectOption('form#act-determination-proposal select[name=approve]', 'false');
  await dg.locator('form#act-determination-proposal textarea[name=reasons]').fill('DEMO: criterion 2 not met');
  await dg.click('form#act-determination-proposal button[type=submit]');
  await dg.waitForSelector('[data-testid="awaiting"]');
  assert.match(await dg.textContent('[data-testid="awaiting"]'), /dg/);
  assert.equal(await dg.locator('form#act-determination-confirmation').count(), 0, 'the proposer may not confirm');

  await bruno.reload();
  await bruno.waitForSelector('form#act-determination-confirmation');
  await bruno.click('form#act-determination-confirmation button[type=submit]');
  await bruno.waitForSelector('.stepper li.current');
  await bruno.waitForFunction(() => document.querySelector('.stepper li.current')?.textContent.trim() === 'refused');
  assert.match(await bruno.textContent('[data-testid="req-timeline"]'), /determination confirmed/);
  await shot(bruno, 'request-refused');
  assert.deepEqual(bruno.errors, []);
  await bruno.context().close();
  await dg.context().close();
});

test('accountancy: periods with MBR lines and report downloads', async () => {
  const page = await newPage();
  await signIn(page, 'aigerim');
  await page.click('nav a[data-page="accountancy"]');
  await page.waitForSelector('details.period table');
  assert.match(await page.textContent('details.period[open]'), /MUF/);
  assert.ok(await page.locator('#inventories tbody tr').count() >= 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('details.period[open] a[data-report="mbr-csv"]')]);
  assert.match(download.suggestedFilename(), /^mbr-KZBK\.csv$/);
  await shot(page, 'accountancy');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('statistics: uPlot draws the charts', async () => {
  const page = await newPage();
  await signIn(page, 'ingrid');
  await page.click('nav a[data-page="statistics"]');
  await page.waitForSelector('#chart-muf canvas');
  await page.waitForSelector('#chart-page canvas');
  assert.equal(await page.locator('.uplot').count(), 4);
  await shot(page, 'statistics');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('journal: browse events and verify now', async () => {
  const page = await newPage();
  await signIn(page, 'audrey');
  await page.click('nav a[data-page="journal"]');
  await page.waitForSelector('#journal tbody tr');
  assert.equal(await page.locator('#journal tbody tr').count(), 50);
  await page.click('form#verify button[type=submit]');
  await page.waitForSelector('[data-testid="verify-result"]');
  assert.match(await page.textContent('[data-testid="verify-result"]'), /verifies/);
  await shot(page, 'journal');
  await page.context().close();
});

test('admin: users and tokens; admin sees Users', async () => {
  const page = await newPage();
  await signIn(page, 'admin');
  const nav = (await navLabels(page)).map((n) => n.page);
  assert.ok(nav.includes('users') && nav.includes('journal'));
  await page.click('nav a[data-page="users"]');
  await page.waitForSelector('#users tbody tr');
  assert.equal(await page.locator('#users tbody tr').count(), 9);
  await page.fill('form#issue-token input[name=label]', 'ui test');
  await page.click('form#issue-token button[type=submit]');
  await page.waitForSelector('[data-testid="new-token"]');
  assert.match(await page.textContent('[data-testid="new-token"]'), /^lbk_/);
  await shot(page, 'users');
  await page.context().close();
});

test('Arabic: right to left, Arabic navigation', async () => {
  const page = await newPage();
  await signIn(page, 'olga');
  await page.selectOption('#lang-select', 'ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await page.waitForSelector('nav.nav a[data-page="cylinders"]');
  const labels = await navLabels(page);
  for (const l of labels) assert.equal(l.text, ar[`nav.${l.page}`]);
  assert.match(labels[0].text, /[\u0600-\u06FF]/);
  // Mirrored: the navigation starts at the right.
  const nav = await page.locator('nav.nav a').first().boundingBox();
  const brand = await page.locator('.brand').boundingBox();
  assert.ok(brand.x > nav.x, 'brand is right of the nav in RTL');
  await shot(page, 'dashboard-ar');
  // The choice survives a reload.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.context().close();
});

test('a wrong password shows the error; signing out ends the session', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  await page.waitForSelector('#signin-user');
  await page.fill('#signin-user', 'ingrid');
  await page.fill('#signin-password', 'not-the-password');
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('#signin-error:not([hidden])');
  assert.equal((await page.textContent('#signin-error')).trim(), en['signin.failed']);
  await shot(page, 'signin-failed');
  await signIn(page, 'ingrid');
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/session')).status), 200);
  const stored = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  assert.ok(!/leubank-demo|csrf/i.test(stored), 'no credential in web storage');
  await page.click('#signout');
  await page.waitForSelector('#signin-user');
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/session')).status), 401);
  await page.context().close();
});

test('supply workflow: preparation, release under the two-person rule, shipment', async () => {
  const olga = await newPage();
  await signIn(olga, 'olga');
  await olga.goto(BASE + '/#/requests/REQ-0001');
  await olga.waitForSelector('form#act-preparation');
  await olga.fill('form#act-preparation input[name=documents_ref]', 'DEMO-SHIP-XR-1');
  await olga.click('form#act-preparation button[type=submit]');
  await olga.waitForFunction(() => document.querySelector('.stepper li.current')?.textContent.trim() === 'prepared');

  const bruno = await newPage();
  await signIn(bruno, 'bruno');
  await bruno.goto(BASE + '/#/requests/REQ-0001');
  await bruno.waitForSelector('form#act-release-proposal');
  await bruno.click('form#act-release-proposal button[type=submit]');
  await bruno.waitForSelector('[data-testid="awaiting-release"]');
  assert.match(await bruno.textContent('[data-testid="awaiting-release"]'), /bruno/);
  assert.equal(await bruno.locator('form#act-release-confirmation').count(), 0, 'the proposer may not confirm');

  const dg = await newPage();
  await signIn(dg, 'dg');
  await dg.goto(BASE + '/#/requests/REQ-0001');
  await dg.waitForSelector('form#act-release-confirmation');
  await dg.click('form#act-release-confirmation button[type=submit]');
  await dg.waitForFunction(() => document.querySelector('.stepper li.current')?.textContent.trim() === 'released');

  await olga.reload();
  await olga.waitForSelector('form#act-shipment');
  await olga.click('form#act-shipment button[type=submit]');
  await olga.waitForFunction(() => document.querySelector('.stepper li.current')?.textContent.trim() === 'shipped');
  await shot(olga, 'request-shipped');
  await olga.click('nav a[data-page="dashboard"]');
  await olga.waitForSelector('[data-testid="reserve-cylinders"] .value');
  assert.equal((await olga.textContent('[data-testid="reserve-cylinders"] .value')).trim(), '57');
  for (const p of [olga, bruno, dg]) { assert.deepEqual(p.errors, []); await p.context().close(); }
});

// Fills and submits one action form; fails on the server's problem shown next to it.
async function submit(page, id, fills = {}) {
  const form = page.locator(`form#${id}`);
  await form.waitFor();
  for (const [name, value] of Object.entries(fills)) {
    const el = form.locator(`[name="${name}"]`);
    const kind = await el.evaluate((e) => e.tagName + ':' + (e.type || ''));
    if (kind.startsWith('SELECT')) await el.selectOption(value);
    else if (kind === 'INPUT:checkbox') await (value ? el.check() : el.uncheck());
    else await el.fill(value);
  }
  const handle = await form.elementHandle();
  await form.locator('button[type=submit]').click();
  await page.waitForFunction((f) => !f.isConnected || f.querySelector('.error'), handle);
  const err = await handle.evaluate((f) => (f.isConnected && f.querySelector('.error') ? f.querySelector('.error').textContent : ''));
  assert.equal(err, '', `${id} was refused`);
}

async function status(page, s) {
  await page.waitForFunction((x) => document.querySelector('.stepper li.current')?.textContent.trim() === x, en[`status.${s}`]);
}

const SHA = 'de' + '0'.repeat(62);

test('supply workflow: a request walked from filing to shipment and closing through the UI', async () => {
  const samir = await newPage();
  await signIn(samir, 'samir');
  await samir.waitForSelector('form#file-request');
  const f = samir.locator('form#file-request');
  await f.locator('input[name=plant]').fill('DEMO Ruritania NPP Unit 3');
  await f.locator('textarea[name=disruption]').fill('DEMO: test filing (fiction)');
  await f.locator('input[name=uranium_kg]').fill('abc');
  await f.locator('input[name=enrichment_min_percent]').fill('4.80');
  await f.locator('input[name=enrichment_max_percent]').fill('4.95');
  await f.locator('button[type=submit]').click();
  await samir.waitForSelector('form#file-request .error');
  assert.match(await samir.textContent('form#file-request .error'), /uranium_kg/);
  await submit(samir, 'file-request', { uranium_kg: '1000' });
  await status(samir, 'filed');
  const id = (await samir.textContent('h1')).match(/REQ-\d+/)[0];
  await shot(samir, 'request-filed');
  for (const n of ['1', '2']) {
    await submit(samir, 'act-attestations', { criterion: n, statement: `DEMO attestation ${n}`, evidence_ref: `DEMO/XR/att-${n}`, evidence_sha256: SHA });
  }
  await samir.waitForFunction(() => document.querySelectorAll('#criteria .muted').length >= 2);

  const bruno = await newPage();
  await signIn(bruno, 'bruno');
  await bruno.goto(`${BASE}/#/requests/${id}`);
  await submit(bruno, 'act-assessment-start');
  await status(bruno, 'under_assessment');
  await submit(bruno, 'act-assessment', { criterion1_met: true, criterion1_basis: 'DEMO: documented', criterion2_met: true, criterion2_basis: 'DEMO: documented' });
  await bruno.waitForSelector('#criteria tbody tr:nth-child(5) .badge.ok');

  const dg = await newPage();
  await signIn(dg, 'dg');
  await dg.goto(`${BASE}/#/requests/${id}`);
  await submit(dg, 'act-determination-proposal', { approve: 'true', reasons: 'DEMO: all five criteria met' });
  await dg.waitForSelector('[data-testid="awaiting"]');

  await bruno.reload();
  await submit(bruno, 'act-determination-confirmation');
  await status(bruno, 'approved');
  await submit(bruno, 'act-agreement', {
    reference: 'DEMO-SA-XR-3', evidence_ref: 'DEMO/XR/sa-3', evidence_sha256: SHA, delivery_point: 'DEMO Ruritania plant',
    route: 'Ulba Metallurgical Plant, Oskemen | DEMO Ruritania plant',
    feed_quantity: '10000.5', feed_price: '15000', conversion_quantity: '10000', conversion_price: '1200',
    enrichment_quantity: '7000', enrichment_price: '15000', transport_quantity: '1', transport_price: '1000000' });
  await status(bruno, 'agreement_concluded');
  assert.match(await bruno.textContent('main'), /2,814,078\.75 USD/);
  await submit(bruno, 'act-payments', { reference: 'DEMO-TT-XR-3' });
  await status(bruno, 'paid');
  await submit(bruno, 'act-allocation');
  await status(bruno, 'allocated');

  const olga = await newPage();
  await signIn(olga, 'olga');
  await olga.goto(`${BASE}/#/requests/${id}`);
  await submit(olga, 'act-preparation', { documents_ref: 'DEMO-SHIP-XR-3' });
  await status(olga, 'prepared');
  await bruno.reload();
  await submit(bruno, 'act-release-proposal');
  await dg.reload();
  await submit(dg, 'act-release-confirmation');
  await status(dg, 'released');
  await olga.reload();
  await submit(olga, 'act-shipment');
  await status(olga, 'shipped');
  await shot(olga, 'request-walked-shipped');
  await samir.reload();
  await submit(samir, 'act-receipt', { evidence_ref: 'DEMO/XR/receipt-3', evidence_sha256: SHA });
  await status(samir, 'received');
  await bruno.reload();
  await submit(bruno, 'act-restock', { supplier: 'DEMO Orano Cycle', reference: 'DEMO-PC-3' });
  await bruno.waitForSelector('form#act-closing');
  await submit(bruno, 'act-closing');
  await status(bruno, 'closed');
  await shot(bruno, 'request-walked-closed');
  for (const p of [samir, bruno, dg, olga]) { assert.deepEqual(p.errors, []); await p.context().close(); }
});

test('accountancy: a taking with one cylinder re-weighed 1 kg light, the MUF anomaly explained, the period closed and signed', async () => {
  const page = await newPage();
  await signIn(page, 'aigerim');
  await page.click('nav a[data-page="accountancy"]');
  await page.waitForSelector('#inventories tbody tr');
  const before = await page.locator('#inventories tbody tr').count();
  const periods = await page.locator('details.period').count();
  // A cylinder on hand now (the supply tests above may have shipped some), re-weighed with 1 kg (10^6 mg) less UF6.
  const inv = await (await page.request.get(BASE + '/api/v1/inventory')).json();
  const cyl = inv.items.find((i) => i.mba === 'KZBK');
  const net = BigInt(cyl.net_uf6_mg) - 1000000n;
  const f = 'form#record-inventory';
  await page.fill(`${f} input[name=reweighed]`, cyl.id);
  await page.fill(`${f} input[name=net_uf6_kg]`, `${net / 1000000n}.${String(net % 1000000n).padStart(6, '0')}`);
  // The weighing method is one of the methods in force, load cells preselected.
  const inForce = (await (await page.request.get(BASE + '/api/v1/methods')).json()).methods.map((m) => m.name);
  assert.deepEqual(await page.$$eval(`${f} select[name=method] option`, (os) => os.map((o) => o.value)), inForce);
  assert.equal(await page.inputValue(`${f} select[name=method]`), 'load cells');
  await page.fill(`${f} input[name=calibration]`, 'LC-2026');
  await page.click(`${f} button[type=submit]`);
  await page.waitForFunction((n) => document.querySelectorAll('#inventories tbody tr').length === n + 1, before);
  await page.click('form#close-period button[type=submit]');
  await page.waitForFunction((n) => document.querySelectorAll('details.period').length === n + 1, periods);
  assert.match(await page.textContent('details.period[open]'), /MUF/);
  // The MUF of an item store is an anomaly, explained before the period can be signed off.
  const explain = await page.getAttribute('details.period[open] form[id^="explain-"]', 'id');
  const anomalies = await page.$$eval(`form#${explain} select[name=anomaly] option`, (os) => os.map((o) => o.value));
  assert.ok(anomalies.length >= 1, 'a non-zero MUF is an anomaly');
  assert.equal(await page.locator('details.period[open] form[id^="sign-"]').count(), 1);
  for (const [k, anomaly] of anomalies.entries()) {
    await page.selectOption(`form#${explain} select[name=anomaly]`, anomaly);
    await page.fill(`form#${explain} textarea[name=explanation]`, `UI test: ${anomaly} re-weighed 1 kg light`);
    await page.click(`form#${explain} button[type=submit]`);
    await page.waitForFunction((n) => [...document.querySelectorAll('details.period[open] ul.anomalies li')].filter((li) => li.querySelector('p.muted')).length >= n, k + 1);
  }
  // Each explanation shows its text and who gave it; once all are explained the form is gone.
  const shown = await page.$$eval('details.period[open] ul.anomalies li p.muted', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(shown, anomalies.map((a) => `${en['acct.explained']} UI test: ${a} re-weighed 1 kg light — aigerim`));
  assert.equal(await page.locator(`form#${explain}`).count(), 0);
  await shot(page, 'accountancy-closed');
  await submit(page, (await page.getAttribute('details.period[open] form[id^="sign-"]', 'id')));
  await page.waitForSelector('details.period[open] .badge.ok');
  assert.equal(await page.locator('details.period[open] form[id^="sign-"]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('tablet width: no page scrolls sideways', async () => {
  const page = await newPage();
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, 'bruno');
  for (const p of ['dashboard', 'cylinders', 'requests/REQ-0002', 'accountancy', 'statistics', 'journal']) {
    await page.goto(`${BASE}/#/${p}`);
    await page.waitForFunction(() => !document.querySelector('main .loading') && document.querySelector('main h1'));
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `${p} overflows by ${over}px`);
    await shot(page, `tablet-${p.replace('/', '-')}`);
  }
  await page.context().close();
});
