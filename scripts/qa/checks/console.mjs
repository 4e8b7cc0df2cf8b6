// console: every page with JavaScript on logs no console error, throws nothing, and makes
// no request that fails, answers >= 400, or leaves 127.0.0.1. Each page's icon must load too
// (browsers fetch it outside the page, so it is requested explicitly).

import { walk, pagePath, pool, JOBS, plural } from '../lib/util.mjs';

export default {
  name: 'console',
  title: 'Console errors and failed requests',
  needsBrowser: true,
  async run({ sites, browser }) {
    const site = sites.sub;
    const pages = (await walk(site.dir, '.html')).map(pagePath);
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
    const details = [];
    const icons = new Map(); // icon URL -> first page using it
    const noIcon = [];
    let requests = 0;
    // Waiting for the network to go quiet is idle time, so more pages run at once here.
    const jobs = JOBS * 2;
    const sinks = []; // per worker: the problems of the page it is on
    const tabs = await Promise.all(
      Array.from({ length: jobs }, async (_, w) => {
        const page = await context.newPage();
        const report = (text) => sinks[w]?.push(text);
        page.on('console', (msg) => {
          if (msg.type() === 'error') {
            const loc = msg.location();
            report(`console error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
          }
        });
        page.on('pageerror', (err) => report(`uncaught exception: ${err.message}`));
        page.on('request', (req) => {
          requests++;
          const u = new URL(req.url());
          if (!['data:', 'blob:', 'about:'].includes(u.protocol) && u.hostname !== '127.0.0.1') {
            report(`request leaves 127.0.0.1: ${req.method()} ${req.url()}`);
          }
        });
        page.on('requestfailed', (req) => report(`request failed: ${req.url()} (${req.failure()?.errorText})`));
        page.on('response', (res) => {
          if (res.status() >= 400) report(`HTTP ${res.status()}: ${res.url()}`);
        });
        return page;
      }),
    );
    await pool(pages, jobs, async (p, w) => {
      const page = tabs[w];
      const problems = (sinks[w] = []);
      try {
        const url = site.url + p;
        const res = await page.goto(url, { waitUntil: 'load' });
        // The 404 page is served with status 200 when asked for by its own name.
        if (res && !res.ok()) problems.push(`page answered HTTP ${res.status()}`);
        await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
        const hrefs = await page.$$eval('link[rel~="icon"]', (els) => els.map((e) => e.href));
        if (!hrefs.length) noIcon.push(p);
        for (const h of hrefs) if (!icons.has(h)) icons.set(h, p);
      } catch (err) {
        problems.push(`could not load: ${err.message.split('\n')[0]}`);
      }
      sinks[w] = null;
      for (const pr of problems) details.push(`/${p}: ${pr}`);
    });
    for (const [href, first] of icons) {
      const res = await context.request.get(href, { failOnStatusCode: false });
      const type = res.headers()['content-type'] ?? '';
      if (!res.ok()) details.push(`/${first}: icon ${href} answered HTTP ${res.status()}`);
      else if (!type.startsWith('image/')) details.push(`/${first}: icon ${href} served as ${type}`);
    }
    if (noIcon.length) details.push(`no <link rel="icon"> (browsers will ask for /favicon.ico at the host root): ${noIcon.map((p) => '/' + p).join(', ')}`);
    await context.close();
    return {
      ok: details.length === 0,
      figure: `${plural(details.length, 'problem')} in ${plural(pages.length, 'page')} (${plural(requests, 'request')}, ${plural(icons.size, 'icon')} checked)`,
      details,
    };
  },
};
