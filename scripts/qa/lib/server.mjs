// A tiny static file server for a built site, bound to 127.0.0.1 on a free port.
//
// serve({ root, mount }) serves the folder `root` under the URL path `mount`
// (e.g. "/the-defiant-ones/"), the way a static host would:
//   /mount/dir/        -> root/dir/index.html
//   /mount/dir         -> 301 to /mount/dir/ when root/dir is a folder
//   anything missing   -> root/404.html with status 404
// It answers GET and HEAD only and never leaves `root`.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  // Pagefind's index chunks are gzip-wrapped binary blobs the script decodes itself.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function statOrNull(p) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

/**
 * Starts a server. Resolves to { url, origin, port, mount, close() } once it listens.
 * `port` 0 (the default) picks a free port; the URL is known before anything is built,
 * so a build can take it as its base URL.
 */
export async function serve({ root, mount = '/', port = 0, log = null }) {
  if (!mount.startsWith('/') || !mount.endsWith('/')) {
    throw new Error(`mount must start and end with "/": ${mount}`);
  }
  const absRoot = path.resolve(root);

  async function send(req, res, status, file, st) {
    res.writeHead(status, {
      'Content-Type': mimeType(file),
      'Content-Length': st.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }

  async function notFound(req, res) {
    const file = path.join(absRoot, '404.html');
    const st = await statOrNull(file);
    if (st?.isFile()) return send(req, res, 404, file, st);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 Not Found\n');
  }

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400);
        return res.end();
      }
      log?.(`${req.method} ${url.pathname}`);
      if (pathname.includes('\0')) return notFound(req, res);
      if (pathname + '/' === mount) {
        res.writeHead(301, { Location: mount + url.search });
        return res.end();
      }
      if (!pathname.startsWith(mount)) return notFound(req, res);
      const rel = pathname.slice(mount.length);
      const file = path.resolve(absRoot, '.' + path.posix.normalize('/' + rel));
      if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return notFound(req, res);
      const st = await statOrNull(file);
      if (st?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search });
          return res.end();
        }
        const index = path.join(file, 'index.html');
        const ist = await statOrNull(index);
        if (ist?.isFile()) return send(req, res, 200, index, ist);
        return notFound(req, res);
      }
      if (st?.isFile() && !pathname.endsWith('/')) return send(req, res, 200, file, st);
      return notFound(req, res);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    }
  });
  server.keepAliveTimeout = 1000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    origin,
    port: actualPort,
    mount,
    url: origin + mount,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
