// Entry point of the WebRTC bench inside `unshare -rn`: writes its rounds as JSON to argv[2].
import { writeFileSync } from 'node:fs';
import { notLoopbackOnly, runWebrtcRounds } from './coordinator';

const out = process.argv[2];
const counts = process.argv[3]?.split(',').map(Number);
const why = notLoopbackOnly();
if (!out) {
  console.error('usage: inNamespace.ts <results.json> [peer counts]');
  process.exit(2);
} else if (why) {
  console.error(`WebRTC bench refused: ${why}. It runs only in a loopback-only network namespace (unshare -rn).`);
  process.exit(3);
} else {
  runWebrtcRounds(process.cwd(), (line) => console.error(line), counts).then(
    (rounds) => {
      writeFileSync(out, JSON.stringify(rounds));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
