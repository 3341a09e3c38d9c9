import { once } from 'node:events';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ownServer, type OwnServer } from '../browser/own-server.js';
import { hashSource } from '../../tools/csp.js';
import { pageScript } from './page-script.js';

/** One CSP or Trusted Types violation, as a browser reported it. */
export interface ViolationReport {
  readonly directive: string;
  readonly blocked: string;
  readonly document: string;
  readonly source: string;
  readonly sample: string;
}

/**
 * Receives the CSP reports of every page of one engine, on a port of its own: it keeps listening
 * while the site is stopped, so a violation in the offline reload is reported too.
 */
export interface ReportCollector {
  readonly url: string;
  readonly reports: ViolationReport[];
  close(): Promise<void>;
}

export async function reportCollector(): Promise<ReportCollector> {
  const reports: ViolationReport[] = [];
  const server: Server = createServer((req, res) => {
    // The page's origin is another one: answer a CORS preflight, should an engine send one.
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method !== 'POST') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type' });
      res.end();
      return;
    }
    readBody(req).then(
      (body) => {
        reports.push(...parseReports(req.headers['content-type'] ?? '', body));
        res.writeHead(204).end();
      },
      () => {
        res.writeHead(400).end();
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/csp`,
    reports,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Fields = Record<string, unknown>;

function text(fields: Fields, ...names: string[]): string {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return '';
}

/**
 * Every form a report arrives in: `report-uri`'s `{"csp-report": {...}}` with hyphenated names,
 * and the Reporting API's `{type, body}` with camelCase names, one or a list of them (WebKit
 * posts one at a time, as application/csp-report).
 */
export function parseReports(contentType: string, body: string): ViolationReport[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [{ directive: 'unreadable report', blocked: '', document: '', source: contentType, sample: body }];
  }
  const bodies = (Array.isArray(parsed) ? (parsed as unknown[]) : [parsed]).flatMap((item): Fields[] => {
    if (typeof item !== 'object' || item === null) return [];
    const report = item as Fields;
    const legacy = report['csp-report'];
    if (typeof legacy === 'object' && legacy !== null) return [legacy as Fields];
    if (report['type'] !== 'csp-violation') return [];
    return [(report['body'] ?? {}) as Fields];
  });
  return bodies.map((fields) => ({
    directive: text(fields, 'effective-directive', 'effectiveDirective', 'violated-directive'),
    blocked: text(fields, 'blocked-uri', 'blockedURL'),
    document: text(fields, 'document-uri', 'documentURL'),
    source: `${text(fields, 'source-file', 'sourceFile')}:${text(fields, 'line-number', 'lineNumber')}`,
    sample: text(fields, 'script-sample', 'sample'),
  }));
}

export function describeReport(report: ViolationReport): string {
  const sample = report.sample === '' ? '' : ` (${report.sample})`;
  return `${report.directive} blocked ${report.blocked || 'inline'} on ${report.document} at ${report.source}${sample}`;
}

/**
 * Runs in the page, first: keeps every uncaught exception and unhandled rejection, and every
 * CSP violation event, in `window.__wartaPageErrors`, for the runner to read before the page is
 * left. (The report endpoint hears of CSP violations from the engine itself; this list is the
 * only record of exceptions, which no engine sends to a server.)
 */
function watchPage(): void {
  const seen: string[] = [];
  Object.defineProperty(window, '__wartaPageErrors', { value: seen });
  window.addEventListener('error', (event) => {
    seen.push(`${event.message} at ${event.filename}:${event.lineno}`);
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    seen.push(`unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    seen.push(`CSP: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}`);
  });
}

/**
 * The built app as the suite serves it to one engine: a copy of `dist/` on a server that can be
 * stopped and started again on the same port. Its policy is the app's own, plus:
 * - `report-uri` to `reportTo`, and, where the engine sends reports through the Reporting API,
 *   `report-to` with `Reporting-Endpoints`. (An engine that knows `report-to` skips `report-uri`,
 *   as CSP 3 says; Firefox 153 knows the directive but not the `Reporting-Endpoints` header, so
 *   there `report-to` would silence every report.)
 * - the hash of the page-error watch, which each page carries inline, first in its head: inline,
 *   so the copy the service worker keeps has it too, and it runs before the page's own scripts.
 */
export async function engineSite(
  reportTo: string,
  options: { reportingApi: boolean; copyOf?: string },
): Promise<OwnServer> {
  const site = await ownServer(options.copyOf === undefined ? {} : { copyOf: options.copyOf });
  const watch = pageScript(watchPage, undefined);
  const headersFile = join(site.dir, '_headers');
  const headers = await readFile(headersFile, 'utf8');
  const policy = /^(\s+Content-Security-Policy: .*script-src 'self')(.*)$/mu;
  if (!policy.test(headers)) throw new Error(`${headersFile} has no Content-Security-Policy with script-src 'self'`);
  const reporting = options.reportingApi
    ? `; report-uri ${reportTo}; report-to warta-test\n  Reporting-Endpoints: warta-test="${reportTo}"`
    : `; report-uri ${reportTo}`;
  await writeFile(headersFile, headers.replace(policy, `$1 ${hashSource(watch)}$2${reporting}`));
  for (const entry of await readdir(site.dir, { recursive: true })) {
    if (!entry.endsWith('.html')) continue;
    const page = join(site.dir, entry);
    const html = await readFile(page, 'utf8');
    if (!html.includes('<head>')) throw new Error(`${page} has no <head>`);
    await writeFile(page, html.replace('<head>', `<head><script>${watch}</script>`));
    // The served copy must be the one with the watch: no stale gzip beside it.
    await rm(`${page}.gz`, { force: true });
  }
  return site;
}
