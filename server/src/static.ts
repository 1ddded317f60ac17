import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/**
 * Serves the built dashboard. Hashed assets are cached forever; index.html never,
 * so a display picks up a new deployment on its next load. Unknown paths fall back
 * to index.html for the client-side router.
 */
export function createStaticHandler(dist: string | undefined) {
  const root = dist && fs.existsSync(path.join(dist, 'index.html')) ? path.resolve(dist) : undefined;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!root || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.resolve(root, '.' + urlPath);
    if (!file.startsWith(root + path.sep) && file !== root) return false;
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(urlPath)) return false;
      file = path.join(root, 'index.html');
    }
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
    return true;
  };
}
