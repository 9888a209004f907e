import { findFreePort } from './lib/free-port';

// `tsx scripts/free-port.ts [preferred]`: prints a free TCP port — `preferred` when free, else the
// next free one; without it (or 0), one the system picks. Used by scripts/test-all.sh.
const preferred = Number(process.argv[2] ?? 0);
console.log(await findFreePort(Number.isInteger(preferred) ? preferred : 0));
