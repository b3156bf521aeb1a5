// Lets tests and power users point the app at its own data folder before anything touches disk.
import { isAbsolute, resolve } from 'node:path';

const USER_DATA_SWITCH = '--user-data-dir=';
export const USER_DATA_ENV = 'SITREP_USER_DATA';

/** The command-line switch wins over the environment variable; undefined keeps Electron's default. */
export function resolveUserDataOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): string | undefined {
  const fromSwitch = argv.find((arg) => arg.startsWith(USER_DATA_SWITCH))?.slice(USER_DATA_SWITCH.length);
  const chosen = fromSwitch !== undefined && fromSwitch !== '' ? fromSwitch : env[USER_DATA_ENV];
  if (chosen === undefined || chosen.trim() === '') return undefined;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}
