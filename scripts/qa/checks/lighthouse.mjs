// lighthouse: performance, accessibility, best practices and SEO of four key pages, with
// Lighthouse's default (mobile) and desktop settings, each category ≥ 95.
//
// It runs on its own copy of the site, built with --base-url http://127.0.0.1:PORT/the-defiant-ones/,
// so that canonical links, og:url and the feed link point at the host being audited.

import { mkdir, writeFile, readlink, rm } from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM, CHROME_FLAGS, tempDir, removeDir, table } from '../lib/util.mjs';
import { PAGES } from './screenshots.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const SHORT = { performance: 'perf', accessibility: 'a11y', 'best-practices': 'best', seo: 'seo' };
const MIN = Number(process.env.QA_LH_MIN || 95);
const PRESETS = (process.env.QA_LH_PRESETS || 'mobile,desktop').split(',').filter(Boolean);

export default {
  name: 'lighthouse',
  title: `Lighthouse (${PRESETS.join(' + ')}), every category ≥ ${MIN}`,
  async run({ sites, reportsDir }) {
    const { default: lighthouse } = await import('lighthouse');
    const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
    const chromeLauncher = await import('chrome-launcher');
    const site = sites.lh;
    const outDir = path.join(reportsDir, 'lighthouse');
    await mkdir(outDir, { recursive: true });
    const rows = [['preset', 'page', ...CATEGORIES.map((c) => SHORT[c])]];
    const details = [];
    let below = 0;
    let scores = 0;
    // This site's key pages, and a series with pictures and videos: its home page (the
    // poster, the stills on the cards, the trailer) and an episode with its still, its clip
    // and the theme's shortcodes in its text.
    const audited = [
      ...PAGES.map(([name, p]) => [name, p, site]),
      ['pictures-home', '', sites.pictures],
      ['pictures-episode', 'episodes/part-1/', sites.pictures],
    ];
    const imageBytes = [];
    for (const preset of PRESETS) {
      for (const [name, p, where] of audited) {
        const url = where.url + p;
        const userDataDir = await tempDir('qa-lh-profile-');
        let chrome;
        try {
          chrome = await chromeLauncher.launch({
            chromePath: CHROMIUM,
            chromeFlags: CHROME_FLAGS,
            userDataDir,
            logLevel: 'silent',
          });
          const result = await lighthouse(
            url,
            { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: CATEGORIES },
            preset === 'desktop' ? desktopConfig : undefined,
          );
          const { lhr } = result;
          await writeFile(path.join(outDir, `${preset}-${name}.html`), result.report);
          const requests = lhr.audits['network-requests']?.details?.items ?? [];
          const images = requests.filter((r) => r.resourceType === 'Image');
          if (name.startsWith('pictures')) {
            const bytes = images.reduce((sum, r) => sum + (r.transferSize || r.resourceSize || 0), 0);
            imageBytes.push(`${preset} /${p}: ${images.length} pictures, ${(bytes / 1024).toFixed(0)} KB`);
          }
          const row = [preset, '/' + p];
          for (const c of CATEGORIES) {
            const cat = lhr.categories[c];
            const score = cat?.score == null ? null : Math.round(cat.score * 100);
            row.push(score ?? 'n/a');
            scores++;
            if (score === null || score < MIN) {
              below++;
              const failing = (cat?.auditRefs ?? [])
                .filter((r) => r.weight > 0)
                .map((r) => ({ r, a: lhr.audits[r.id] }))
                .filter(({ a }) => a && a.score !== null && a.score < 1)
                .map(({ r, a }) => `${a.id}${a.displayValue ? ` ${a.displayValue}` : ''} (score ${Math.round(a.score * 100)}, weight ${r.weight})`);
              details.push(`[${preset}] /${p} ${c} ${score ?? 'n/a'}: ${failing.join('; ') || 'no weighted audit below 100'}`);
            }
          }
          if (lhr.runtimeError) details.push(`[${preset}] /${p}: runtime error ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
          for (const w of lhr.runWarnings ?? []) details.push(`[${preset}] /${p}: warning: ${String(w).replace(/\s+/g, ' ').slice(0, 200)}`);
          rows.push(row);
        } catch (err) {
          below += CATEGORIES.length;
          details.push(`[${preset}] /${p}: ${err.message.split('\n')[0]}`);
          rows.push([preset, '/' + p, ...CATEGORIES.map(() => 'err')]);
        } finally {
          await chrome?.kill();
          // A killed Chromium leaves its singleton socket folder (/tmp/org.chromium.Chromium.*),
          // which the profile's SingletonSocket link names: remove that one too.
          try {
            const socketDir = path.dirname(await readlink(path.join(userDataDir, 'SingletonSocket')));
            if (/\/org\.chromium\.Chromium\.[^/]+$/.test(socketDir)) await rm(socketDir, { recursive: true, force: true });
          } catch {}
          await removeDir(userDataDir);
        }
      }
    }
    // Warnings alone do not fail the check; they are shown only next to a real failure.
    const failures = details.filter((d) => !d.includes(': warning: '));
    return {
      ok: below === 0,
      figure: `${scores - below}/${scores} scores ≥ ${MIN} (${PRESETS.join(', ')}); pictures fetched: ${imageBytes.join('; ')}; reports in ${outDir}`,
      table: table(rows),
      details: below ? details : failures,
    };
  },
};
