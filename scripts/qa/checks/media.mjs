// media: the pictures and videos of a generated series with a poster, stills, clips and
// the theme's shortcodes. Every picture loads at the size its attributes give; no request
// leaves 127.0.0.1 until a video's poster is clicked, and the click puts the provider's
// privacy-enhanced player in its place; without JavaScript a poster is a link to the video.

const PAGES = ['', 'episodes/part-1/', 'episodes/part-2/'];

export default {
  name: 'media',
  title: 'Pictures load, and videos ask their provider for nothing before a click',
  needsBrowser: true,
  async run({ sites, browser }) {
    const site = sites.pictures;
    const details = [];
    let pictures = 0;
    let facades = 0;
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 390, height: 844 } });
    const outside = [];
    // The machine is offline: a request to a provider is recorded, then answered empty.
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1') return route.continue();
      outside.push(route.request().url());
      return route.fulfill({ status: 204, body: '' });
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => details.push(`uncaught exception: ${err.message}`));
    for (const p of PAGES) {
      outside.length = 0;
      await page.goto(site.url + p, { waitUntil: 'load' });
      // Lazy pictures load as they are scrolled to: each is shown in turn, and waited for.
      await page.evaluate(async () => {
        for (const img of document.querySelectorAll('img')) {
          img.scrollIntoView({ block: 'center' });
          for (let waited = 0; !(img.complete && img.naturalWidth) && waited < 5000; waited += 50) {
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
      const images = await page.$$eval('img', (imgs) =>
        imgs.map((img) => ({ src: img.currentSrc, complete: img.complete, natural: img.naturalWidth, width: img.getAttribute('width'), height: img.getAttribute('height') })),
      );
      for (const img of images) {
        pictures++;
        if (!img.complete || img.natural === 0) details.push(`/${p}: ${img.src} did not load`);
        if (!img.width || !img.height) details.push(`/${p}: ${img.src} has no width and height`);
      }
      if (outside.length) details.push(`/${p}: requests left the site before any click: ${outside.join(', ')}`);
      const count = await page.locator('a.video-facade').count();
      facades += count;
      if (p !== '' && count === 0) details.push(`/${p}: no video poster`);
      if (count === 0) continue;
      const first = page.locator('a.video-facade').first();
      const embed = await first.getAttribute('data-embed');
      if (!embed?.startsWith('https://www.youtube-nocookie.com/embed/')) details.push(`/${p}: the player is ${embed}, not youtube-nocookie.com`);
      await first.click();
      const frame = page.locator('iframe.video-frame');
      try {
        await frame.first().waitFor({ timeout: 5000 });
        const src = await frame.first().getAttribute('src');
        if (src !== embed) details.push(`/${p}: the player loaded ${src}, not ${embed}`);
        await page.waitForTimeout(300);
        if (!outside.some((u) => u.startsWith('https://www.youtube-nocookie.com/'))) details.push(`/${p}: the click asked youtube-nocookie.com for nothing`);
        if (outside.some((u) => new URL(u).hostname === 'www.youtube.com')) details.push(`/${p}: the click reached www.youtube.com`);
      } catch {
        details.push(`/${p}: a click on the poster put no player in its place`);
      }
    }
    await context.close();
    // Without JavaScript, a poster is a link to the video on its provider's site.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(site.url + 'episodes/part-1/', { waitUntil: 'load' });
    const hrefs = await noScript.$$eval('a.video-facade', (links) => links.map((a) => a.href));
    if (!hrefs.length || !hrefs.every((h) => h.startsWith('https://www.youtube.com/watch?v='))) {
      details.push(`without JavaScript the posters link to ${hrefs.join(', ') || 'nothing'}`);
    }
    await plain.close();
    return {
      ok: details.length === 0,
      figure: `${pictures} pictures loaded on ${PAGES.length} pages; ${facades} video posters, none asking the provider for anything before a click`,
      details,
    };
  },
};
