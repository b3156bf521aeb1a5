// `npm run signal [-- --host <addr>] [-- --port <n>] [-- --allow-origin <origin>]`: a standalone
// Sitrep signaling server, for development and for teams that keep one running on a machine
// everybody can reach.
import { parseArgs } from 'node:util';
import { parseAllowedOrigin } from '../src/main/signaling/peerAddress';
import { SignalingServerStartError, startSignalingServer } from '../src/main/signaling/server';

const USAGE = `Usage: npm run signal -- [--host <address>] [--port <number>] [--allow-origin <origin>]...

  --host          interface to listen on (default 127.0.0.1, this machine only;
                  0.0.0.0 lets other machines on the network connect)
  --port          port to listen on (default 4444; 0 picks a free one)
  --allow-origin  a web origin (scheme://host[:port]) whose pages may connect, for a web build
                  served from another machine; repeat for several. The desktop app, non-browser
                  clients and pages on this machine's loopback are always allowed; other web
                  pages are refused.`;

function readOptions(): { host: string; port: number; allowedOrigins: string[] } {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4444' },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const allowedOrigins = values['allow-origin'].map((origin) => {
    try {
      return parseAllowedOrigin(origin);
    } catch (error) {
      throw new Error(`--allow-origin: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { host: values.host, port, allowedOrigins };
}

async function main(): Promise<void> {
  let options: { host: string; port: number; allowedOrigins: string[] };
  try {
    options = readOptions();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  let server: Awaited<ReturnType<typeof startSignalingServer>>;
  try {
    server = await startSignalingServer({
      ...options,
      log: (level, message) => (level === 'info' ? console.log : console.error)(message),
    });
  } catch (error) {
    if (error instanceof SignalingServerStartError) console.error(error.message);
    else console.error('Could not start the signaling server:', error);
    process.exitCode = 1;
    return;
  }

  console.log('Sitrep signaling server is running. Responders can use:');
  for (const address of server.addresses()) console.log(`  ${address}`);
  if (options.host === '127.0.0.1' || options.host === 'localhost') {
    console.log('Only this machine can connect; use --host 0.0.0.0 to open it to the local network.');
  }
  if (options.allowedOrigins.length > 0) console.log(`Web pages from ${options.allowedOrigins.join(', ')} may connect.`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log('Stopping the signaling server...');
    server.close().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('The signaling server did not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
