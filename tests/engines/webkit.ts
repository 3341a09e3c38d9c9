import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { within, type Driver, type Key } from './driver.js';

/** WebDriver's codes for the keys the steps press. */
const KEYS: Record<Key, string> = { Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C', ArrowDown: '\uE015' };

/** The MiniBrowser that Debian's libwebkit2gtk-4.1-0 installs in the multiarch folder, or MINIBROWSER_PATH. */
export function findMiniBrowser(): string {
  const path =
    process.env['MINIBROWSER_PATH'] ??
    readdirSync('/usr/lib')
      .map((folder) => join('/usr/lib', folder, 'webkit2gtk-4.1', 'MiniBrowser'))
      .find((candidate) => existsSync(candidate));
  if (path === undefined || !existsSync(path)) {
    throw new Error('no MiniBrowser: install libwebkit2gtk-4.1-0 (.ci/run does), or set MINIBROWSER_PATH');
  }
  return path;
}

/** Starts a process in a group of its own, so that killing the group ends whatever it started. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, extraPipe = false): ChildProcess {
  return spawn(command, args, {
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', ...(extraPipe ? (['pipe'] as const) : [])],
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The page language follows LANG, and GLib needs the locale compiled: built once, kept in tmp. */
async function indonesianLocale(): Promise<string> {
  const folder = join(tmpdir(), 'warta-locales');
  if (existsSync(join(folder, 'id_ID.UTF-8', 'LC_CTYPE'))) return folder;
  await mkdir(folder, { recursive: true });
  const localedef = start('localedef', ['-i', 'id_ID', '-f', 'UTF-8', join(folder, 'id_ID.UTF-8')], process.env);
  const code = await new Promise<number | null>((done) => localedef.on('exit', done));
  if (code !== 0)
    throw new Error(`localedef could not build id_ID.UTF-8 (exit ${code}): is Debian's locales installed?`);
  return folder;
}

/** A virtual display: MiniBrowser has no headless mode, and without a display the driver hangs. */
async function virtualDisplay(): Promise<{ display: string; child: ChildProcess }> {
  // -displayfd: Xvfb picks a free display itself and writes its number on fd 3 once it is ready.
  const child = start(
    'Xvfb',
    ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'],
    process.env,
    true,
  );
  const ready = new Promise<string>((done, fail) => {
    let written = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (written.includes('\n')) done(written.trim());
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      fail(new Error(`Xvfb exited (${code}) before it was ready: is Debian's xvfb installed?`));
    });
  });
  let number: string;
  try {
    number = await within(15_000, 'Xvfb starting', ready);
  } catch (error) {
    killGroup(child);
    throw error;
  }
  return { display: `:${number}`, child };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') done(address.port);
        else fail(new Error('no free port'));
      });
    });
  });
}

/** Waits until the driver answers its status request, for 15 s at most. */
async function driverReady(url: string, driver: ChildProcess): Promise<void> {
  for (const end = Date.now() + 15_000; Date.now() < end;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      if ((await fetch(`${url}/status`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('WebKitWebDriver did not answer within 15 s');
}

/**
 * WebKit: WebKitGTK's MiniBrowser driven by its WebKitWebDriver (WebDriver classic, through
 * webdriverio), on a virtual display, with an Indonesian locale. This is WebKit's engine, not
 * Safari. Everything it starts is killed by process group at the end, or after a hang.
 */
export async function webkit(): Promise<Driver> {
  const binary = findMiniBrowser();
  const [locales, screen, port] = await Promise.all([indonesianLocale(), virtualDisplay(), freePort()]);
  const env = { ...process.env, DISPLAY: screen.display, LANG: 'id_ID.UTF-8', LOCPATH: locales };
  const driverProcess = start('WebKitWebDriver', [`--port=${port}`], env);
  let driverLog = '';
  driverProcess.stderr?.on('data', (chunk: Buffer) => {
    driverLog = (driverLog + chunk.toString()).slice(-2000);
  });
  const kill = (): void => {
    killGroup(driverProcess);
    killGroup(screen.child);
  };
  try {
    await driverReady(`http://127.0.0.1:${port}`, driverProcess);
    // WebKitGTK's own capability names the browser WebKitWebDriver starts; webdriverio's types
    // do not list it, so the capabilities are a variable, not a literal checked for extra names.
    const capabilities = {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    };
    const session = remote({
      hostname: '127.0.0.1',
      port,
      // Errors reach the steps as exceptions; the library's own log would only repeat them.
      logLevel: 'silent',
      automationProtocol: 'webdriver',
      // Fail, do not retry for minutes: a stuck driver is killed by the runner instead.
      connectionRetryCount: 0,
      connectionRetryTimeout: 30_000,
      capabilities,
    });
    const browser = await within(60_000, 'the WebKit session starting', session);
    await within(10_000, 'resizing the WebKit window', browser.setWindowSize(1280, 900));
    const version = browser.capabilities.browserVersion ?? '?';
    return {
      name: `WebKitGTK ${version}`,
      goto: (url) => browser.url(url).then(() => undefined),
      reload: () => browser.refresh(),
      run: (script) => browser.execute(`return ${script};`),
      press: (key) => browser.action('key').down(KEYS[key]).up(KEYS[key]).perform(),
      click: (x, y) =>
        browser
          .action('pointer', { parameters: { pointerType: 'mouse' } })
          .move({ x: Math.round(x), y: Math.round(y), origin: 'viewport' })
          .down()
          .up()
          .perform(),
      async close() {
        try {
          await browser.deleteSession();
        } finally {
          kill();
        }
      },
      kill,
    };
  } catch (error) {
    kill();
    throw new Error(`WebKit did not start: ${error instanceof Error ? error.message : String(error)}\n${driverLog}`, {
      cause: error,
    });
  }
}
