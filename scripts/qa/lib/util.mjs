// Shared helpers: walking a build, page URLs, the browser, a small worker pool.

import { readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

/** The flags every Chromium of the suite gets (playwright and Lighthouse alike). */
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every file under `dir` whose name ends with `ext`, as paths relative to `dir`, sorted. */
export async function walk(dir, ext = '.html') {
  const out = [];
  async function go(sub) {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await go(rel);
      else if (entry.isFile() && entry.name.endsWith(ext)) out.push(rel);
    }
  }
  await go('');
  return out.sort();
}

/** "people/bono/index.html" -> "people/bono/"; "404.html" stays "404.html". */
export function pagePath(rel) {
  if (rel === 'index.html') return '';
  if (rel.endsWith('/index.html')) return rel.slice(0, -'index.html'.length);
  return rel;
}

/**
 * Runs `fn(item, worker)` over `items` with at most `n` at once; results in input order.
 * `worker` is 0..n-1, so a worker can keep state (a browser page) across its items.
 */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function work(worker) {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], worker);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, (_, w) => work(w)));
  return results;
}

export const JOBS = Math.max(1, Number(process.env.QA_JOBS) || 2);

let playwright;
/**
 * Launches the system Chromium with playwright-core. Playwright gives every launch a
 * fresh temporary --user-data-dir of its own (and removes it on close); contexts made
 * from it share nothing.
 */
export async function launchBrowser() {
  playwright ??= await import('playwright-core');
  return playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: CHROME_FLAGS,
    timeout: 60_000,
  });
}

/** A fresh temporary folder; the caller removes it with `rm`. */
export async function tempDir(prefix) {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
}

export function plural(n, word, many = word + 's') {
  return `${n} ${n === 1 ? word : many}`;
}

/** Pads cells into an aligned plain-text table. */
export function table(rows) {
  const widths = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows
    .map((row) => row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd())
    .join('\n');
}
