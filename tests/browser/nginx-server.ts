import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/** The file deploy documents: the test runs it, not a copy of it. */
export const DEPLOY_CONF = 'deploy/nginx.conf';
/** Where deploy/nginx.conf expects the build; the test puts the real build's path in its place. */
const DEPLOYED_ROOT = '/srv/warta';

/** A real nginx serving a build, which a test can stop (a real outage) and start again. */
export interface Nginx {
  readonly origin: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  dispose(): Promise<void>;
}

/**
 * nginx's binary: NGINX_PATH, else `nginx` on PATH or in /usr/sbin (Debian's, not on a user's PATH).
 * None is an error, never a skip: the deploy tests are part of `npm test`.
 */
export function findNginx(): string {
  const fromEnv = process.env['NGINX_PATH'];
  // A path given on purpose is the one to use: a wrong one is an error, not a fallback to another nginx.
  const candidates =
    fromEnv === undefined || fromEnv === ''
      ? [...(process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'nginx')), '/usr/sbin/nginx']
      : [fromEnv];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next.
    }
  }
  const where = fromEnv === undefined || fromEnv === '' ? '' : ` at NGINX_PATH=${fromEnv}`;
  throw new Error(
    `nginx not found${where}: the deploy tests run deploy/nginx.conf in a real nginx. Install it ` +
      '(Debian/Ubuntu: sudo apt-get install nginx; bash .ci/run does this) or set NGINX_PATH to its binary.',
  );
}

/**
 * The main configuration around deploy/nginx.conf, for a process of the test's own: everything it
 * writes (pid, logs, temp files) in its own folder, listening on 127.0.0.1 only.
 */
export function nginxConfig(options: {
  deployConf: string;
  root: string;
  port: number;
  dir: string;
  mimeTypes: string;
  asRoot: boolean;
}): string {
  const { root, port, dir } = options;
  let server = options.deployConf;
  const replace = (pattern: RegExp, by: string, what: string): void => {
    if (!pattern.test(server)) throw new Error(`${DEPLOY_CONF} has no ${what} for the test to replace`);
    server = server.replace(pattern, by);
  };
  // Only its address and root change: the test serves exactly what deploy/nginx.conf says.
  replace(/^(\s*)listen 80;$/mu, `$1listen 127.0.0.1:${port};`, '"listen 80;" line');
  replace(/^\s*listen \[::\]:80;\n/mu, '', '"listen [::]:80;" line');
  replace(new RegExp(DEPLOYED_ROOT.replace(/\//gu, '\\/'), 'gu'), resolve(root), DEPLOYED_ROOT);
  return [
    // As root (CI), workers would otherwise run as nobody, who may not read a build under /root.
    ...(options.asRoot ? ['user root;'] : []),
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    `  include ${options.mimeTypes};`,
    '  default_type application/octet-stream;',
    '  sendfile on;',
    `  access_log ${join(dir, 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `  ${kind}_temp_path ${join(dir, `${kind}-temp`)};`,
    ),
    server,
    '}',
    '',
  ].join('\n');
}

/** A port nobody listens on now, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
  return port;
}

/** nginx's own mime.types, beside the configuration it was built with (`nginx -V`). */
async function mimeTypesOf(binary: string): Promise<string> {
  const version = await new Promise<string>((done, fail) => {
    const child = spawn(binary, ['-V'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const add = (chunk: Buffer): void => {
      text += chunk.toString();
    };
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    child.once('error', fail);
    child.once('close', () => {
      done(text);
    });
  });
  const confPath = /--conf-path=(\S+)/u.exec(version)?.[1] ?? '/etc/nginx/nginx.conf';
  const mimeTypes = join(dirname(confPath), 'mime.types');
  if (!existsSync(mimeTypes)) throw new Error(`nginx's mime.types is not at ${mimeTypes}`);
  return mimeTypes;
}

/**
 * Starts nginx in the foreground, as a child of the test, with deploy/nginx.conf serving `root`
 * (default: the build in dist/) on a free port of 127.0.0.1.
 */
export async function startNginx(root = 'dist'): Promise<Nginx> {
  const binary = findNginx();
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html not found: build first`);
  const dir = await mkdtemp(join(tmpdir(), 'warta-nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    nginxConfig({
      deployConf: await readFile(DEPLOY_CONF, 'utf8'),
      root,
      port,
      dir,
      mimeTypes: await mimeTypesOf(binary),
      asRoot: process.getuid?.() === 0,
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const errorLog = join(dir, 'error.log');
    const args = ['-p', dir, '-c', conf, '-e', errorLog, '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`];
    const started = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const spawnError: { reason?: string } = {};
    started.once('error', (error) => {
      spawnError.reason = error.message;
    });
    child = started;
    // Ready when it answers; an nginx that exits (a bad config, a taken port) says why in its log.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if (spawnError.reason !== undefined) throw new Error(`nginx did not start: ${spawnError.reason}`);
      if (started.exitCode !== null || started.signalCode !== null) {
        const log = await readFile(errorLog, 'utf8').catch(() => '');
        throw new Error(`nginx did not start:\n${stderr}${log}`);
      }
      const answered = await fetch(`${origin}/`, { method: 'HEAD' }).then(
        () => true,
        () => false,
      );
      if (answered) return;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`nginx did not answer on ${origin} within 10 s`);
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((done) => {
      running.once('exit', () => {
        done();
      });
    });
    // SIGTERM is nginx's fast shutdown: it closes kept-alive connections too, as an outage does.
    running.kill('SIGTERM');
    await exited;
  };

  try {
    await start();
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    origin,
    start,
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
