// Chromium for the browser test of the audit service's administrator page: the one CHROMIUM_PATH names,
// else Debian's, else Debian's installed with apt-get when this runs as root (as CI does).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const INSTALL_HINT =
  `Install Debian's chromium package (as root: apt-get update && apt-get install -y --no-install-recommends chromium), ` +
  `or set CHROMIUM_PATH to a Chromium or Google Chrome executable.`;

function onPath(command, path = '') {
  return path.split(delimiter).some((directory) => directory && existsSync(join(directory, command)));
}

function runLoud(command, args, env, log) {
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${value} `);
  log(`chromium: running ${assignments.join('')}${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

/**
 * Returns the path of a Chromium executable, installing Debian's package first when it is missing and
 * this process may (root, apt-get on PATH); otherwise throws an error that says what to install.
 */
export function ensureChromium({
  env = process.env,
  log = (line) => console.log(line),
  exists = existsSync,
  isRoot = process.getuid?.() === 0,
  hasAptGet = onPath('apt-get', env.PATH),
  run = (command, args, extraEnv = {}) => runLoud(command, args, extraEnv, log),
} = {}) {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, where there is no file. ${INSTALL_HINT}`);
    return env.CHROMIUM_PATH;
  }
  if (exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (!isRoot || !hasAptGet) {
    const why = hasAptGet ? 'this process is not root, so it will not install it' : 'apt-get is not available here';
    throw new Error(`The audit administrator page's browser test needs Chromium, which is not at ${DEBIAN_CHROMIUM}, and ${why}. ${INSTALL_HINT}`);
  }
  log(`chromium: not at ${DEBIAN_CHROMIUM}; installing Debian's chromium package for the browser test`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  if (!exists(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium, yet ${DEBIAN_CHROMIUM} is still missing. ${INSTALL_HINT}`);
  log(`chromium: installed at ${DEBIAN_CHROMIUM}`);
  return DEBIAN_CHROMIUM;
}
