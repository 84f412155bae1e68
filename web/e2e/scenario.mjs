// The browser scenario against the real server: the steps a research team goes through,
// with a screenshot of each main screen.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from './harness.mjs';
import { OWNER } from './server.mjs';

const VIEWER = { email: 'viewer@example.com', name: 'Vera Viewer', password: 'viewer-password-1' };

async function waitUntil(condition, message, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await condition();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const visible = (locator, timeout) => locator.first().waitFor({ state: 'visible', timeout });

async function hasText(locator, pattern, timeout) {
  await waitUntil(async () => pattern.test((await locator.first().textContent()) ?? ''), `expected ${locator} to match ${pattern}`, timeout);
}

async function count(locator, minimum, what, timeout) {
  return waitUntil(async () => {
    const n = await locator.count();
    return n >= minimum ? n : false;
  }, `expected at least ${minimum} ${what}`, timeout);
}

async function attributeNumber(locator, name) {
  return Number(await locator.first().getAttribute(name));
}

async function go(page, baseUrl, hash) {
  await page.goto(`${baseUrl}/${hash}`);
}

async function login(page, { email, password }) {
  const form = page.locator('form[aria-label="Log in"]');
  await visible(form);
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=password]').fill(password);
  await form.getByRole('button', { name: 'Log in' }).click();
  await visible(page.getByTestId('role-badge'));
}

async function logout(page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await visible(page.locator('form[aria-label="Log in"]'));
}

export function defineScenario(harness, { baseUrl, outDir }) {
  const shot = (page, name) => page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });

  harness.step('log in (a wrong password is refused readably)', async ({ page }) => {
    await page.goto(baseUrl);
    const form = page.locator('form[aria-label="Log in"]');
    await visible(form);
    await shot(page, '01-login');
    await form.locator('input[name=email]').fill(OWNER.email);
    await form.locator('input[name=password]').fill('not-the-password');
    await form.getByRole('button', { name: 'Log in' }).click();
    await hasText(form.getByRole('alert'), /wrong e-mail address or password/i);
    await login(page, OWNER);
    await hasText(page.getByTestId('role-badge'), /owner/);
  });

  harness.step('create a workspace and open it', async ({ page }) => {
    await page.getByRole('button', { name: '+ New workspace' }).click();
    const form = page.locator('form[aria-label="Create workspace"]');
    await form.locator('input[name=workspace-name]').fill('E2E Research');
    await form.getByRole('button', { name: 'Create and open' }).click();
    await form.waitFor({ state: 'detached' });
    const switcher = page.getByLabel('Active workspace');
    await waitUntil(
      async () => (await switcher.locator('option:checked').textContent())?.includes('E2E Research'),
      'the new workspace is active',
    );
    check((await switcher.locator('option').count()) >= 2, 'the switcher lists both workspaces');
  });

  harness.step('add a viewer; the last-owner rule is a readable error; rename', async ({ page }) => {
    await go(page, baseUrl, '#/members');
    const form = page.locator('form[aria-label="Add member"]');
    await visible(form);
    await form.locator('input[name=member-email]').fill(VIEWER.email);
    await form.locator('select[name=member-role]').selectOption('viewer');
    await form.locator('input[name=member-name]').fill(VIEWER.name);
    await form.locator('input[name=member-password]').fill(VIEWER.password);
    await form.getByRole('button', { name: 'Add member' }).click();
    await hasText(form.getByRole('status'), /viewer@example\.com is now viewer/);
    const table = page.getByTestId('members-table');
    await hasText(table, /viewer@example\.com/);
    // Demoting the only owner is refused with the API's last_owner error, explained.
    await page.getByLabel(`Role of ${OWNER.email}`).selectOption('editor');
    await hasText(page.locator('.action-error'), /at least one owner/i);
    check((await page.getByLabel(`Role of ${OWNER.email}`).inputValue()) === 'owner', 'the owner is still owner');
    const rename = page.locator('form[aria-label="Rename workspace"]');
    await rename.locator('input[name=rename]').fill('E2E Research Desk');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await hasText(page.getByLabel('Active workspace').locator('option:checked'), /E2E Research Desk \(owner\)/);
    await shot(page, '02-members');
  });

  harness.step('the viewer can read but not run a backtest', async ({ page }) => {
    await logout(page);
    await login(page, VIEWER);
    await hasText(page.getByTestId('role-badge'), /viewer/);
    await go(page, baseUrl, '#/backtests');
    await hasText(page.getByTestId('backtest-locked'), /viewer.*Only editors, traders and owners can run backtests/);
    check(await page.getByRole('button', { name: 'Run backtest' }).isDisabled(), 'the run button is disabled for viewers');
    await visible(page.getByText('No backtest yet in this workspace.'));
    await go(page, baseUrl, '#/paper');
    await visible(page.getByTestId('account'));
    check((await page.getByRole('button', { name: '+ New plan' }).count()) === 0, 'viewers get no new-plan button');
    await go(page, baseUrl, '#/members');
    await visible(page.getByTestId('members-table'));
    check((await page.locator('form[aria-label="Add member"]').count()) === 0, 'viewers cannot add members');
    await shot(page, '03-viewer');
    await logout(page);
    await login(page, OWNER);
    await hasText(page.getByTestId('role-badge'), /owner/);
  });

  harness.step('open a chart: candles, volume, MAs, coverage, search, ratio', async ({ page }) => {
    await go(page, baseUrl, '#/chart?symbol=BTCUSDT&interval=1d');
    const chart = page.getByTestId('candle-chart');
    await visible(chart.locator('canvas'));
    check((await attributeNumber(chart, 'data-points')) > 500, 'the chart has the latest candles');
    await hasText(page.getByTestId('coverage'), /2017-08-17 00:00 UTC/);
    await page.getByRole('button', { name: 'MA200' }).click();
    check((await page.getByRole('button', { name: 'MA200' }).getAttribute('aria-pressed')) === 'true', 'MA200 is on');
    await page.getByLabel('Search symbols').fill('eth');
    await hasText(page.getByTestId('symbol-list'), /^ETHUSDT/);
    await page.getByLabel('Search symbols').fill('');
    await page.getByLabel('Category', { exact: true }).selectOption('Layer 1');
    await page.getByTestId('symbol-list').getByRole('button', { name: /^ETHUSDT/ }).click();
    await hasText(page.getByTestId('chart-symbol'), /ETHUSDT/);
    await page.getByLabel('Ratio against').selectOption('BTCUSDT');
    const ratio = page.getByTestId('ratio-chart');
    await visible(ratio.locator('canvas'));
    check((await attributeNumber(ratio, 'data-points')) > 500, 'the ratio chart has points');
    await shot(page, '04-chart');
  });

  harness.step('scan uptrends and open a hit', async ({ page }) => {
    await go(page, baseUrl, '#/scanners');
    const form = page.locator('form[aria-label="Scanner parameters"]');
    await visible(form);
    await form.locator('input[name=as_of]').fill('2024-03-15');
    await form.getByRole('button', { name: 'Scan' }).click();
    await hasText(page.getByTestId('scan-summary'), /Bar judged: 2024-03-15 00:00 UTC/);
    const rows = page.getByTestId('scan-results').locator('tbody tr');
    await count(rows, 2, 'uptrend hits');
    // Sort by symbol, then open the first hit's chart.
    await page.getByTestId('scan-results').getByRole('button', { name: 'Symbol' }).click();
    const first = (await rows.first().locator('td').first().textContent()).trim();
    await shot(page, '05-scanner');
    await rows.first().click();
    await hasText(page.getByTestId('chart-symbol'), new RegExp(first));
    await go(page, baseUrl, '#/scanners?tab=ratio');
    await visible(page.getByTestId('scan-summary'), 30_000);
  });

  harness.step('run a ma_cross backtest: equity curve, trades, markers, CSV', async ({ page }) => {
    await go(page, baseUrl, '#/backtests');
    const form = page.locator('form[aria-label="Single-symbol backtest"]');
    await visible(form);
    check((await form.locator('input[name=symbol]').inputValue()) === 'BTCUSDT', 'BTCUSDT by default');
    // A bad parameter is shown next to its field.
    await form.locator('input[name=fast]').fill('60');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await hasText(form.locator('.field.has-error'), /Fast MA/);
    await form.locator('input[name=fast]').fill('20');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await hasText(page.getByTestId('backtest-title'), /ma_cross · BTCUSDT · 1d/, 30_000);
    await count(page.getByTestId('metrics').getByTestId('metric'), 10, 'metric cards');
    const equity = page.getByTestId('equity-chart');
    await visible(equity.locator('canvas'));
    check((await attributeNumber(equity, 'data-points')) > 2000, 'equity and benchmark curves are drawn');
    await visible(page.getByTestId('drawdown-chart').locator('canvas'));
    await count(page.getByTestId('trades-table').locator('tbody tr'), 3, 'trades');
    const tradeChart = page.getByTestId('trade-chart');
    await visible(tradeChart.locator('canvas'));
    check((await attributeNumber(tradeChart, 'data-markers')) >= 6, 'trade markers on the candles');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download equity CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    check(csv.startsWith('time,time_utc,equity,drawdown,benchmark_equity\r\n'), 'the equity CSV has its header');
    check(csv.trim().split('\r\n').length > 1000, 'the equity CSV has every point');
    check(download.suggestedFilename().endsWith('-equity.csv'), 'the CSV is named after the backtest');
    const [trades] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download trades CSV' }).click()]);
    check(readFileSync(await trades.path(), 'utf8').includes('BTCUSDT,long,'), 'the trades CSV lists trades');
    await shot(page, '06-backtest-ma-cross');
  });

  harness.step('run a category relative-momentum backtest: rebalances', async ({ page }) => {
    await go(page, baseUrl, '#/backtests?kind=momentum');
    const form = page.locator('form[aria-label="Relative momentum backtest"]');
    await visible(form);
    await form.locator('input[name=long_count]').fill('2');
    await form.locator('input[name=short_count]').fill('2');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await hasText(page.getByTestId('backtest-title'), /relative_momentum · Layer 1 · 1d/, 30_000);
    await visible(page.getByTestId('equity-chart').locator('canvas'));
    await count(page.getByTestId('rebalances-table').locator('tbody tr'), 10, 'rebalances');
    await shot(page, '07-backtest-momentum');
    await go(page, baseUrl, '#/backtests');
    await count(page.getByTestId('backtest-list').locator('tbody tr'), 2, 'backtests in the list');
  });

  harness.step('create, open and close a pair plan; see fills, P&L and the account', async ({ page }) => {
    await go(page, baseUrl, '#/paper');
    await visible(page.getByTestId('account'));
    await page.getByRole('button', { name: '+ New plan' }).click();
    const form = page.locator('form[aria-label="New trade plan"]');
    check((await form.locator('select[name=trade_type]').inputValue()) === 'pair', 'pair by default');
    await form.locator('input[name=strategy_tag]').fill('eth-btc-rotation');
    await form.locator('textarea[name=thesis]').fill('ETH outperforms BTC into the upgrade.');
    await form.locator('textarea[name=invalidation]').fill('ETH/BTC closes below the 200-day average.');
    await form.locator('input[name=max_risk_amount]').fill('500');
    await form.locator('input[name="legs.0.planned_quantity"]').fill('1');
    await form.locator('input[name="legs.1.planned_quantity"]').fill('0.05');
    // Entry prices come prefilled from the latest closes.
    for (const index of [0, 1]) {
      await waitUntil(async () => (await form.locator(`input[name="legs.${index}.planned_entry_price"]`).inputValue()) !== '', `leg ${index} entry prefilled`);
    }
    // Same side on both legs: the API's error shows on the second leg's side.
    await form.locator('select[name="legs.1.side"]').selectOption('long');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await hasText(form.locator('fieldset[aria-label="Leg 2"] .field-error'), /.+/);
    await form.locator('select[name="legs.1.side"]').selectOption('short');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await hasText(page.getByTestId('plan-status'), /planned/);

    const open = page.locator('form[aria-label="Paper-open"]');
    await visible(open);
    await waitUntil(async () => (await open.locator('input[name="mark.ETHUSDT"]').inputValue()) !== '', 'marks prefilled from the latest close');
    await open.locator('input[name="mark.ETHUSDT"]').fill('3000');
    await open.locator('input[name="mark.BTCUSDT"]').fill('60000');
    await open.locator('input[name=fee_bps]').fill('5');
    await open.getByRole('button', { name: 'Paper-open' }).click();
    await hasText(page.getByTestId('plan-status'), /open/);
    await count(page.getByTestId('fills-table').locator('tbody tr'), 2, 'entry fills');
    await hasText(page.getByTestId('plan-pnl'), /unrealized/);
    await visible(page.getByTestId('positions-table'));
    await count(page.getByTestId('positions-table').locator('tbody tr'), 2, 'open positions');

    const close = page.locator('form[aria-label="Paper-close"]');
    await visible(close);
    await waitUntil(async () => (await close.locator('input[name="mark.BTCUSDT"]').inputValue()) !== '', 'close marks prefilled');
    await close.locator('input[name="mark.ETHUSDT"]').fill('3300');
    await close.locator('input[name="mark.BTCUSDT"]').fill('61000');
    await close.locator('input[name=fee_bps]').fill('5');
    await close.getByRole('button', { name: 'Paper-close' }).click();
    await hasText(page.getByTestId('plan-status'), /closed/);
    await count(page.getByTestId('fills-table').locator('tbody tr'), 4, 'entry and exit fills');
    // Long 1 ETH 3000 -> 3300 (+300), short 0.05 BTC 60000 -> 61000 (-50), fees 3 + 3.175.
    const pnl = page.getByTestId('plan-pnl');
    await hasText(pnl, /Net P&L \(realized\)243\.83/);
    await hasText(pnl, /Gross P&L250/);
    await hasText(pnl, /0\.49 R/);
    await hasText(page.getByTestId('account'), /Realized P&L \(before fees\)250/);
    await hasText(page.getByTestId('account'), /Fees paid6\.18/);
    await shot(page, '08-paper-trading');
  });

  harness.step('place and cancel a paper order', async ({ page }) => {
    await go(page, baseUrl, '#/orders');
    const form = page.locator('form[aria-label="New order"]');
    await visible(form);
    check((await page.getByTestId('trading-disabled').count()) === 0, 'trading is enabled (TRADING_MODE=paper)');
    await form.locator('input[name=order-quantity]').fill('0.01');
    await form.locator('select[name=order-type]').selectOption('limit');
    await form.locator('input[name=order-limit]').fill('50000');
    await form.getByRole('button', { name: 'Place paper order' }).click();
    const table = page.getByTestId('orders-table');
    await hasText(table, /BTCUSDT.*buy.*0\.01.*limit.*50,000.*accepted/);
    await table.getByRole('button', { name: 'Cancel' }).click();
    await hasText(table, /cancelled/);
    await shot(page, '09-orders');
  });

  harness.step('broken API responses show error states, never a blank page', async ({ page }) => {
    // Route handlers are matched by predicate; unroute needs the same function back.
    const matchers = new Map();
    const isPath = (pathname) => {
      if (!matchers.has(pathname)) matchers.set(pathname, (url) => new URL(url).pathname === pathname);
      return matchers.get(pathname);
    };
    const backtestList = (url) => /\/api\/v1\/workspaces\/[^/]+\/backtests$/.test(new URL(url).pathname);

    // A 500 with an HTML body, on the symbol list.
    await page.route(isPath('/api/v1/symbols'), (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>boom</h1>' }));
    await go(page, baseUrl, '#/chart');
    await page.reload();
    await hasText(page.getByTestId('error-state'), /Could not load symbols.*server had a problem \(HTTP 500\)/);
    await page.unroute(isPath('/api/v1/symbols'));
    await page.getByTestId('error-state').getByRole('button', { name: 'Retry' }).click();
    await visible(page.getByTestId('symbol-list'));

    // A network failure on the backtest list.
    await page.route(backtestList, (route) => route.abort('failed'));
    await go(page, baseUrl, '#/backtests');
    await page.reload();
    await hasText(page.getByTestId('error-state'), /Could not load backtests.*Cannot reach the server/);
    await visible(page.locator('form[aria-label="Single-symbol backtest"]'));
    await shot(page, '10-error-state');
    await page.unroute(backtestList);

    // The session itself failing: a full-screen error with a retry.
    await page.route(isPath('/api/v1/auth/session'), (route) => route.fulfill({ status: 503, body: '' }));
    await page.reload();
    await hasText(page.getByTestId('error-state'), /Could not load your session/);
    await page.unroute(isPath('/api/v1/auth/session'));
    await page.getByRole('button', { name: 'Retry' }).click();
    await visible(page.getByTestId('role-badge'));

    // 403s from the API are explained, even where the role said yes: a forbidden backtest...
    const workspaceId = await activeWorkspaceId(page);
    const forbidden = (code, message) => (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code, message } }) })
        : route.fallback();
    await page.route(isPath(`/api/v1/workspaces/${workspaceId}/backtests`), forbidden('forbidden', 'your role may not run backtests'));
    await go(page, baseUrl, '#/backtests');
    const backtest = page.locator('form[aria-label="Single-symbol backtest"]');
    await visible(backtest);
    await backtest.getByRole('button', { name: 'Run backtest' }).click();
    await hasText(backtest.locator('.action-error'), /Your role in this workspace does not allow this/);

    // ...and a server in readonly trading mode: the orders screen says orders are read-only.
    await page.route(isPath('/api/v1/auth/session'), async (route) => {
      const response = await route.fetch();
      const session = await response.json();
      await route.fulfill({ response, json: { ...session, trading_mode: 'readonly' } });
    });
    await page.route(isPath(`/api/v1/workspaces/${workspaceId}/orders`), forbidden('trading_disabled', 'trading is disabled on this server'));
    await go(page, baseUrl, '#/orders');
    await page.reload();
    await hasText(page.getByTestId('trading-disabled'), /TRADING_MODE=readonly/);
    const order = page.locator('form[aria-label="New order"]');
    await waitUntil(() => order.getByRole('button', { name: 'Place paper order' }).isDisabled(), 'the order form is disabled');
    await visible(page.getByTestId('orders-table'));
    await shot(page, '11-orders-readonly');
    await page.unrouteAll();
  });
}

async function activeWorkspaceId(page) {
  return page.evaluate(async () => {
    const session = await fetch('/api/v1/auth/session').then((response) => response.json());
    return session.active_workspace_id;
  });
}
