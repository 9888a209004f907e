import { findFreePort } from './lib/free-port';

// `tsx scripts/free-port.ts [preferred] [count]`: prints `count` (default 1) distinct free TCP
// ports on one line — the first `preferred` when free, else the next free one; without it (or 0),
// ones the system picks. Used by scripts/test-all.sh.
const preferred = Number(process.argv[2] ?? 0);
const count = Math.max(1, Number(process.argv[3] ?? 1) || 1);
const ports: number[] = [];
while (ports.length < count) {
  const port = await findFreePort(
    ports.length === 0 && Number.isInteger(preferred) ? preferred : 0,
  );
  if (!ports.includes(port)) ports.push(port);
}
console.log(ports.join(' '));
