// screenshots: full-page PNGs of the key pages at phone and desktop widths, for a person to
// look at. Fails only when a page is wider than the viewport (sideways scrolling).

import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { plural } from '../lib/util.mjs';

export const PAGES = [
  ['home', ''],
  ['episode-part-1', 'episodes/part-1/'],
  ['person-lasse-jarvi', 'people/lasse-jarvi/'],
  ['accolades', 'accolades/'],
];

const SHOTS = [
  { width: 390, height: 844, scheme: 'light', mobile: true },
  { width: 1280, height: 800, scheme: 'light', mobile: false },
  { width: 1280, height: 800, scheme: 'dark', mobile: false },
];

export default {
  name: 'screenshots',
  title: 'Screenshots (390×844, 1280×800 light and dark)',
  needsBrowser: true,
  async run({ sites, browser, screenshotsDir }) {
    const site = sites.sub;
    await mkdir(screenshotsDir, { recursive: true });
    const details = [];
    let count = 0;
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        colorScheme: shot.scheme,
        isMobile: shot.mobile,
        hasTouch: shot.mobile,
        deviceScaleFactor: 1,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      for (const [name, p] of PAGES) {
        const file = path.join(screenshotsDir, `${name}-${shot.width}-${shot.scheme}.png`);
        await rm(file, { force: true });
        try {
          await page.goto(site.url + p, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready);
          const overflow = await page.evaluate(() => {
            const vw = document.documentElement.clientWidth;
            const sw = document.documentElement.scrollWidth;
            if (sw <= vw) return null;
            const wide = [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > vw + 1)
              .filter((el) => !el.closest('.table-scroll, pre'))
              .slice(0, 3)
              .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> right edge ${Math.round(el.getBoundingClientRect().right)}px`);
            return `${sw}px wide in a ${vw}px viewport: ${wide.join(', ')}`;
          });
          if (overflow) details.push(`/${p} at ${shot.width}px (${shot.scheme}): page scrolls sideways, ${overflow}`);
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
          count++;
        } catch (err) {
          details.push(`/${p} at ${shot.width}px (${shot.scheme}): ${err.message.split('\n')[0]}`);
        }
      }
      await context.close();
    }
    return {
      ok: details.length === 0,
      figure: `${plural(count, 'screenshot')} in ${screenshotsDir}${details.length ? `; ${plural(details.length, 'problem')}` : ''}`,
      details,
    };
  },
};
