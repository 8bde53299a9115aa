import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';
import { WebSocketServer } from 'ws';
import type { PolicyVariant } from './policy-page';
import type { Release } from './ids';
import { CT, gif, notFound, parseCookieHeader, reply, type Reply, type RouteContext } from './reply';
import { routeSite, SITE_HOSTS } from './site';
import { routeVendor, vendorForHost } from './vendors';

/**
 * Local replica of pro-medika.ru plus emulated vendor endpoints, on ONE loopback port.
 * Chromium runs with --host-resolver-rules="MAP * 127.0.0.1:<port>" and
 * --ignore-certificate-errors, so every host name reaches this server, which routes by the
 * Host header. Nothing here touches the network beyond loopback.
 *
 * The port speaks both TLS and plain HTTP (sniffed from the first byte), so the
 * /insecure-form/ page's http://pro-medika.ru/submit also arrives here.
 */

export interface Hit {
  time: number;
  method: string;
  host: string;
  path: string;
  query: string;
  url: string;
  referer?: string;
  cookieHeader?: string;
  body?: string;
  vendor?: string;
}

export interface Replica {
  port: number;
  /** https://127.0.0.1:<port> */
  origin: string;
  /** "MAP * 127.0.0.1:<port>" for Chromium's --host-resolver-rules. */
  resolverRules: string;
  hits: Hit[];
  clearHits(): void;
  setPolicyVariant(v: PolicyVariant): void;
  /** Serves release 1 (the default) or release 2 of the site (tests/replica/ids.ts RELEASE_2). */
  setRelease(r: Release): void;
  close(): Promise<void>;
}

/** Bodies kept in hits are capped (the hostile page and Webvisor can be large). */
const MAX_BODY = 256 * 1024;

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|localhost)$/i;

function hostOf(hostHeader: string | undefined): string {
  const h = (hostHeader ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const i = h.lastIndexOf(':');
  return i >= 0 ? h.slice(0, i) : h;
}

/** CORS for vendor endpoints: fetch/XHR/sendBeacon with credentials must succeed. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return { 'Access-Control-Allow-Origin': '*' };
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
}

async function makeCertificate(): Promise<{ key: string; cert: string }> {
  const altNames = [
    'pro-medika.ru',
    '*.pro-medika.ru',
    '*.ru',
    '*.yandex.ru',
    '*.mail.ru',
    '*.com',
    '*.net',
    '*.io',
    '*.app',
    'localhost',
  ].map((value) => ({ type: 2 as const, value }));
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'pro-medika.ru' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...altNames, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function startReplica(opts: { port?: number; release?: Release } = {}): Promise<Replica> {
  const hits: Hit[] = [];
  let release: Release = opts.release ?? 1;
  // Release 2 changes one policy sentence; setPolicyVariant still overrides it.
  let variant: PolicyVariant | undefined;
  const policyVariant = (): PolicyVariant => variant ?? (release === 2 ? 'altered' : 'verbatim');
  let port = 0;

  function record(req: http.IncomingMessage, secure: boolean, body: string | undefined): { host: string; url: URL } {
    const hostHeader = req.headers.host ?? '';
    const host = hostOf(hostHeader);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${hostHeader || '127.0.0.1'}`);
    } catch {
      url = new URL(`${secure ? 'https' : 'http'}://invalid.host/`);
    }
    const upgrade = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    const scheme = upgrade ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
    const hit: Hit = {
      time: Date.now(),
      method: req.method ?? 'GET',
      host,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      url: `${scheme}://${hostHeader}${req.url ?? '/'}`,
    };
    const referer = req.headers.referer;
    if (referer) hit.referer = referer;
    if (req.headers.cookie) hit.cookieHeader = req.headers.cookie;
    if (body) hit.body = body;
    const vendor = vendorForHost(host);
    if (vendor) hit.vendor = vendor;
    hits.push(hit);
    return { host, url };
  }

  function route(ctx: RouteContext): Reply {
    if (SITE_HOSTS.has(ctx.host)) return routeSite(ctx, policyVariant(), release) ?? notFound();
    if (IP_HOST.test(ctx.host)) {
      // Host-resolver rules do not apply to IP literals; the hostile page reaches us directly.
      if (ctx.path === '/ip-pixel.gif') return gif();
      return routeSite(ctx, policyVariant(), release) ?? notFound();
    }
    const v = routeVendor(ctx);
    if (!v) return notFound();
    return { ...v, headers: { ...corsHeaders(ctx.origin), ...v.headers } };
  }

  function handle(secure: boolean) {
    return (req: http.IncomingMessage, res: http.ServerResponse): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        if (size < MAX_BODY) chunks.push(c);
        size += c.length;
      });
      req.on('end', () => {
        const body = Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
        const { host, url } = record(req, secure, body || undefined);
        const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
        let out: Reply;
        if (req.method === 'OPTIONS') {
          out = {
            status: 204,
            headers: {
              ...corsHeaders(origin),
              'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
              'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? 'Content-Type'),
              'Access-Control-Max-Age': '600',
            },
            body: '',
          };
        } else {
          const ctx: RouteContext = {
            method: req.method ?? 'GET',
            host,
            path: url.pathname,
            query: url.searchParams,
            body,
            cookies: parseCookieHeader(req.headers.cookie),
            origin,
            port,
            secure,
          };
          try {
            out = route(ctx);
          } catch (e) {
            out = reply(500, CT.text, `replica error: ${(e as Error).message}`);
          }
        }
        try {
          res.writeHead(out.status, out.headers);
          res.end(req.method === 'HEAD' ? undefined : out.body);
        } catch (e) {
          // A header the hostile page sets may be rejected by Node; answer rather than hang.
          if (!res.headersSent) {
            res.writeHead(500, { 'Content-Type': CT.text });
            res.end(`replica error: ${(e as Error).message}`);
          }
        }
      });
    };
  }

  const { key, cert } = await makeCertificate();
  const httpsServer = https.createServer({ key, cert }, handle(true));
  const httpServer = http.createServer(handle(false));
  for (const s of [httpsServer, httpServer]) s.keepAliveTimeout = 5000;

  // Jivo's chat transport: wss://node-ya-1.jivosite.com/... (trackers-ru.json: node-ya-*.jivosite.com).
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws, req) => {
    ws.send(JSON.stringify({ type: 'hello', server: hostOf(req.headers.host), ts: Date.now() }));
    ws.on('message', (data) => {
      let type = 'unknown';
      try {
        type = String((JSON.parse(String(data)) as { type?: unknown }).type ?? 'unknown');
      } catch {
        /* not JSON: still acknowledged */
      }
      ws.send(JSON.stringify({ type: 'ack', for: type }));
    });
  });
  const onUpgrade = (secure: boolean) => (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const { host } = record(req, secure, undefined);
    if (!/^node-ya-\d+\.jivosite\.com$/.test(host)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpsServer.on('upgrade', onUpgrade(true));
  httpServer.on('upgrade', onUpgrade(false));

  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    // Without this, Nagle + delayed ACK cap each keep-alive connection at a few requests per second.
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      // 0x16 = TLS handshake record; anything else is plain HTTP.
      (first[0] === 0x16 ? httpsServer : httpServer).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (front.address() as net.AddressInfo).port;

  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    resolverRules: `MAP * 127.0.0.1:${port}`,
    hits,
    clearHits() {
      hits.length = 0;
    },
    setPolicyVariant(v: PolicyVariant) {
      variant = v;
    },
    setRelease(r: Release) {
      release = r;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      httpsServer.close();
      httpServer.close();
    },
  };
}

// CLI: npx tsx tests/replica/server.ts --port 8443 [--release 2]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const wanted = i >= 0 ? Number(process.argv[i + 1]) : 8443;
  const j = process.argv.indexOf('--release');
  const asked = j >= 0 ? process.argv[j + 1] : '1';
  if (asked !== '1' && asked !== '2') {
    console.error(`error: --release takes 1 or 2, got "${asked ?? ''}".`);
    process.exit(2);
  }
  const release: Release = asked === '2' ? 2 : 1;
  startReplica({ port: Number.isFinite(wanted) ? wanted : 8443, release }).then((r) => {
    console.log(`replica (release ${release}) listening on https://127.0.0.1:${r.port} (resolver rules: ${r.resolverRules})`);
    const stop = () => void r.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
