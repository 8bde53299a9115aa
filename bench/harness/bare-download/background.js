// The download path alone (bench/audit-page.ts): the same stream shape as the extension's
// exports (adapters/export-stream.ts: 1 MB pieces, high-water mark 8), with nothing to read or
// inflate. The same prefilled piece is enqueued each time: Blink's consumer copies each chunk
// into the response's data pipe, so the bytes on disk are the piece repeated.
const PIECE = 1024 * 1024;
const piece = new Uint8Array(PIECE);
for (let i = 0; i < PIECE; i++) piece[i] = i % 64 === 63 ? 10 : 97 + (i % 26);

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (url.pathname !== '/download') return;
  const total = Number(url.searchParams.get('bytes'));
  const name = url.searchParams.get('name') || 'file.bin';
  let sent = 0;
  const stream = new ReadableStream(
    {
      pull(c) {
        if (sent >= total) return c.close();
        const n = Math.min(PIECE, total - sent);
        c.enqueue(n === PIECE ? piece : piece.subarray(0, n));
        sent += n;
      },
    },
    { highWaterMark: 8 },
  );
  e.respondWith(
    new Response(stream, {
      headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
    }),
  );
});
