import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '/work/wt-audit-throughput/audit/run';
import { startReplica } from '/work/wt-audit-throughput/tests/replica/server';
const paths = ['/', '/doctors/', '/services/urologiya/', '/appointment/', '/contacts/', '/privacy/', '/form-no-policy/', '/slow/'];
const replica = await startReplica({ port: 0 });
const t0 = performance.now();
const log = (s: string) => console.log(((performance.now() - t0) / 1000).toFixed(2), s);
const r = await runAudit({ urls: paths.map((p) => `https://pro-medika.ru${p}`), out: mkdtempSync(join(tmpdir(), 'x-')), resolve: replica.resolverRules, ignoreHttpsErrors: true, extensionPath: '/work/wt-audit-throughput/.output/chrome-mv3-audit',
  onStart: (u: any) => log("start " + u.url), onPage: (u: any) => log("done " + JSON.stringify(u).slice(0, 120)) } as any);
log('end ' + r.report.pages.length);
await replica.close();
