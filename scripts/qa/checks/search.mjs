// search: the search page (fansite's static index under search/index/), typed into like a person would, under the sub-path
// build and the root build; then the page with JavaScript off.

import { access, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const QUERY = process.env.QA_SEARCH_QUERY || 'Lasse Järvi';
const EXPECT = process.env.QA_SEARCH_EXPECT || 'people/lasse-jarvi/';
const MIN_FALLBACK_LINKS = 10;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function exists(p) {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

async function typedSearch(browser, site, label, shot = null) {
  const problems = [];
  const notes = [];
  if (shot) await rm(shot, { force: true });
  if (!(await exists(path.join(site.dir, 'search/index.html')))) {
    return { problems: [`${label}: the build has no search/index.html`], notes };
  }
  if (!(await exists(path.join(site.dir, 'search/index/meta.json')))) {
    problems.push(`${label}: the build has no search/index/meta.json (fansite build writes the index)`);
  }
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const indexMeta = site.basePath + 'search/index/meta.json';
  let indexLoaded = null;
  let indexBytes = 0;
  let indexFiles = 0;
  page.on('console', (m) => m.type() === 'error' && problems.push(`${label}: console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${label}: uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${label}: request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname === indexMeta) indexLoaded = r.status();
    if (u.pathname.startsWith(site.basePath + 'search/index/')) {
      indexFiles += 1;
      r.body().then((b) => { indexBytes += b.length; }).catch(() => {});
    }
    if (r.status() >= 400) problems.push(`${label}: HTTP ${r.status()}: ${r.url()}`);
  });
  try {
    await page.goto(site.url + 'search/', { waitUntil: 'load' });
    const input = page.locator('#search-input');
    if ((await input.count()) !== 1) throw new Error('no single <input id="search-input"> on the page');
    const type = await input.getAttribute('type');
    if (type !== 'search') problems.push(`${label}: #search-input has type="${type}", not "search"`);
    await input.focus();
    await page.keyboard.type(QUERY, { delay: 40 });
    const first = page.locator('#search-results li a').first();
    try {
      await page.waitForFunction(
        () => document.querySelectorAll('#search-results li a').length > 0,
        null,
        { timeout: 10_000 },
      );
    } catch {
      throw new Error(`no result links (#search-results li a) 10 s after typing "${QUERY}"`);
    }
    // Results may be re-rendered per keystroke: wait until the list holds still.
    let last = '';
    for (let i = 0; i < 40; i++) {
      const now = await page.locator('#search-results').innerHTML();
      if (now === last) break;
      last = now;
      await page.waitForTimeout(300);
    }
    const hrefs = await page.$$eval('#search-results li a', (as) => as.map((a) => a.href));
    const firstPath = new URL(hrefs[0]).pathname;
    notes.push(`${label}: ${hrefs.length} results, first ${firstPath}; index fetched: ${indexFiles} files, ${indexBytes} bytes`);
    if (!firstPath.endsWith('/' + EXPECT) && firstPath !== site.basePath + EXPECT) {
      problems.push(`${label}: first result is ${firstPath}, expected …/${EXPECT} (results: ${hrefs.slice(0, 5).map((h) => new URL(h).pathname).join(', ')})`);
    }
    for (const h of hrefs) {
      if (!new URL(h).pathname.startsWith(site.basePath)) {
        problems.push(`${label}: result ${new URL(h).pathname} is outside the base path ${site.basePath}`);
        break;
      }
    }
    const res = await context.request.get(hrefs[0], { failOnStatusCode: false });
    if (!res.ok()) problems.push(`${label}: first result ${hrefs[0]} answers HTTP ${res.status()}`);
    if (shot) {
      await mkdir(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot, fullPage: true, animations: 'disabled' });
      notes.push(`screenshot ${path.basename(shot)}`);
    }
    // Keyboard: Tab from the input lands on the first result.
    await page.keyboard.press('Tab');
    const focusIsFirst = await first.evaluate((a) => a === document.activeElement);
    if (!focusIsFirst) {
      const active = await page.evaluate(() => {
        const el = document.activeElement;
        return el ? el.outerHTML.slice(0, 160) : 'nothing';
      });
      problems.push(`${label}: Tab after typing focuses ${active}, not the first result link`);
    }
    if (indexLoaded === null) problems.push(`${label}: the page never requested ${indexMeta}`);
    else if (indexLoaded !== 200) problems.push(`${label}: ${indexMeta} answered HTTP ${indexLoaded}`);
  } catch (err) {
    problems.push(`${label}: ${err.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return { problems, notes };
}

// The query tokenizer of static/search.js, run on the texts of
// tests/fixtures/search-tokens.json with the folding table there: it must give the tokens
// the index gives, which a Rust test holds the index to.
async function tokenizer() {
  const problems = [];
  const source = await readFile(path.join(REPO, 'static/search.js'), 'utf8');
  const start = source.indexOf('const isWordChar');
  const fn = source.indexOf('function tokens(', start);
  const end = fn < 0 ? -1 : source.indexOf('\n}\n', fn);
  if (start < 0 || fn < 0 || end < 0) {
    return { problems: ['tokenizer: static/search.js has no `const isWordChar` followed by `function tokens(`'], notes: [] };
  }
  const tokens = new Function(`${source.slice(start, end + 2)}; return tokens;`)();
  const fixture = JSON.parse(await readFile(path.join(REPO, 'tests/fixtures/search-tokens.json'), 'utf8'));
  for (const { text, tokens: want } of fixture.cases) {
    const got = tokens(text, fixture.fold);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      problems.push(`tokenizer: ${JSON.stringify(text)} gives ${JSON.stringify(got)} in search.js, ${JSON.stringify(want)} in the index`);
    }
  }
  return { problems, notes: [`tokenizer: ${fixture.cases.length} texts, ${fixture.cases.length - problems.length} alike in search.js and the index`] };
}

async function fallback(browser, site, label) {
  const problems = [];
  const notes = [];
  if (!(await exists(path.join(site.dir, 'search/index.html')))) return { problems, notes };
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(site.url + 'search/', { waitUntil: 'load' });
    const links = await page.$$eval('#search-fallback a[href]', (as) =>
      as.filter((a) => a.offsetParent !== null || a.getClientRects().length > 0).map((a) => a.href),
    );
    const hidden = (await page.locator('#search-fallback a[href]').count()) - links.length;
    notes.push(`${label} no-JS: ${links.length} visible links in #search-fallback`);
    if (links.length < MIN_FALLBACK_LINKS) {
      problems.push(
        `${label} no-JS: ${links.length} visible links inside #search-fallback, need ≥ ${MIN_FALLBACK_LINKS}` +
          (hidden ? ` (${hidden} more are hidden)` : ''),
      );
    }
    const outside = links.filter((h) => !new URL(h).pathname.startsWith(site.basePath));
    if (outside.length) problems.push(`${label} no-JS: links outside ${site.basePath}: ${outside.slice(0, 3).join(', ')}`);
  } catch (err) {
    problems.push(`${label} no-JS: ${err.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return { problems, notes };
}

export default {
  name: 'search',
  title: `Search: "${QUERY}" → ${EXPECT}`,
  needsBrowser: true,
  async run({ sites, browser, screenshotsDir }) {
    const runs = [
      await typedSearch(browser, sites.sub, `sub-path ${sites.sub.basePath}`, path.join(screenshotsDir, 'search-results-1280-light.png')),
      await typedSearch(browser, sites.root, 'root /'),
      await fallback(browser, sites.sub, `sub-path ${sites.sub.basePath}`),
      await fallback(browser, sites.root, 'root /'),
      await tokenizer(),
    ];
    // A failure repeats per keystroke: print each distinct line once, with its count.
    const counted = new Map();
    for (const p of runs.flatMap((r) => r.problems)) counted.set(p, (counted.get(p) ?? 0) + 1);
    const problems = [...counted].map(([p, n]) => (n > 1 ? `${p} (×${n})` : p));
    const notes = runs.flatMap((r) => r.notes);
    return {
      ok: problems.length === 0,
      figure: `${problems.length ? `${problems.length} problems` : 'passed'}${notes.length ? ` (${notes.join('; ')})` : ''}`,
      details: problems,
    };
  },
};
