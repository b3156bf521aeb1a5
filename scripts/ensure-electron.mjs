// Runs before `npm start` and `npm run dev`: makes sure this machine can start Electron, and
// says so in one clear sentence when it cannot, instead of Electron's own stack trace.
// Electron 45 downloads its binary lazily, on the first start, from the internet.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MINIMUM_NODE = [22, 12];

const FALLBACK = 'To work on the interface without Electron, run `npm run dev:web` and open http://127.0.0.1:5173.';

/** Whether `version` (such as "v20.19.1") is at least major.minor. */
export function nodeIsRecentEnough(version, [major, minor] = MINIMUM_NODE) {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [have, haveMinor] = [Number(match[1]), Number(match[2])];
  return have > major || (have === major && haveMinor >= minor);
}

/** The Electron binary that is installed, or null. */
export function installedElectron(electronDir, env) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(electronDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/**
 * Decides whether Electron can start; `download` fetches the binary and returns true when it
 * worked. Returns null when all is well, or the sentence to print.
 */
export function checkElectron({ nodeVersion, electronDir, env, download }) {
  if (!nodeIsRecentEnough(nodeVersion)) {
    return `Sitrep's desktop app needs Node.js ${MINIMUM_NODE.join('.')} or newer (Electron 45 requires it); this is Node.js ${nodeVersion}. ${FALLBACK}`;
  }
  if (!existsSync(join(electronDir, 'package.json'))) {
    return `Electron is not installed here: run \`npm install\` first. ${FALLBACK}`;
  }
  if (installedElectron(electronDir, env)) return null;
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' || env.ELECTRON_SKIP_BINARY_DOWNLOAD === 'true') {
    return `Electron's binary is not downloaded, and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it will not be. Unset it and run \`npm start\` again to download it (once, from the internet). ${FALLBACK}`;
  }
  if (!download() || !installedElectron(electronDir, env)) {
    return `Sitrep could not download Electron's binary, which it fetches from the internet once, on the first start. Check the internet connection (or the proxy settings npm uses) and run \`npm start\` again. ${FALLBACK}`;
  }
  return null;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const electronDir = join(root, 'node_modules', 'electron');
  const problem = checkElectron({
    nodeVersion: process.version,
    electronDir,
    env: process.env,
    download: () => {
      console.log('Sitrep: downloading Electron (once, on the first start)…');
      return spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' }).status === 0;
    },
  });
  if (problem) {
    console.error(`\n${problem}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
