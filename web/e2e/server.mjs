// Starts the real API server (the Rust build's `server` binary) on a free port with fresh
// database files and a few real market data files, serving the built web app at `/`.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Layer 1 symbols (daily) for relative momentum; BTC and ETH for charts, ma_cross and pairs. */
const SEED_SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'ADAUSDT', 'AVAXUSDT', 'DOTUSDT', 'ATOMUSDT', 'NEARUSDT', 'BNBUSDT', 'TRXUSDT'];

export const OWNER = { email: 'local@example.invalid', password: 'e2e-owner-password' };

export function locate({ webDir }) {
  const repoRoot = path.resolve(webDir, '..');
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
    : path.join(os.homedir(), '.cache', 'workbench', 'target');
  const serverBin = process.env.WORKBENCH_SERVER_BIN ? path.resolve(process.env.WORKBENCH_SERVER_BIN) : path.join(targetDir, 'debug', 'server');
  const dataDir = process.env.SHARED_DATA_DIR
    ? path.resolve(repoRoot, process.env.SHARED_DATA_DIR)
    : path.resolve(repoRoot, '..', 'shared', 'data');
  const distDir = path.join(webDir, 'dist');
  return { repoRoot, serverBin, dataDir, distDir };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer({ webDir, logPath }) {
  const { serverBin, dataDir, distDir } = locate({ webDir });
  if (!existsSync(serverBin)) {
    throw new Error(
      `the server binary ${serverBin} does not exist: build it first (cargo test --workspace --all-targets --no-run, ` +
        `or cargo xtask test), or set WORKBENCH_SERVER_BIN`,
    );
  }
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html does not exist: run npm run build first`);
  const seeds = SEED_SYMBOLS.map((symbol) => path.join(dataDir, '1d', `${symbol}-1d.csv`)).filter((file) => existsSync(file));
  if (seeds.length < 6 || !seeds.some((file) => file.includes('BTCUSDT')) || !seeds.some((file) => file.includes('ETHUSDT'))) {
    throw new Error(`the shared data in ${dataDir} lacks the daily files the e2e tests need (${SEED_SYMBOLS.join(', ')}); set SHARED_DATA_DIR`);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-'));
  const port = await freePort();
  const log = createWriteStream(logPath);
  const child = spawn(serverBin, [], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      AUTH_MODE: 'password',
      DEFAULT_USER_PASSWORD: OWNER.password,
      TRADING_MODE: 'paper',
      MARKET_DATA_DB_PATH: path.join(tmp, 'file.db'),
      APP_STATE_DB_PATH: path.join(tmp, 'app_state.db'),
      MARKET_DATA_SEED: seeds.join(path.delimiter),
      WEB_DIST_DIR: distDir,
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let waited = 0; exited === null && waited < 5000; waited += 100) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    log.end();
    rmSync(tmp, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited during start-up (${JSON.stringify(exited)}); see ${logPath}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/v1/health within 120 s; see ${logPath}`);
    }
    await sleep(150);
  }
  const index = await fetch(`${baseUrl}/`).then((response) => response.text()).catch(() => '');
  if (!index.includes('<div id="root">')) {
    await stop();
    throw new Error(`the server does not serve the web app at / (WEB_DIST_DIR=${distDir}); see ${logPath}`);
  }
  return { baseUrl, stop, seeds: seeds.length };
}
