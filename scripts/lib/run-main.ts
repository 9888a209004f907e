import { EnvError } from '@/lib/env';

/** Runs a script body and turns a thrown error into one clear line on stderr and exit code 1. */
export async function runMain(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    process.exitCode = code ?? 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof EnvError ? message : `error: ${message}`);
    process.exitCode = 1;
  }
}
