import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../scripts/stop-run-processes.sh');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(process.platform !== 'linux')('scripts/stop-run-processes.sh', () => {
  it("stops the run's processes, also detached ones, and nothing else", async () => {
    const mark = `vitest-${process.pid}-${Date.now()}`;
    const start = (env: Record<string, string>) => {
      // detached: its own session, outside any process tree the sweep could follow
      const child = spawn('sleep', ['60'], {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, ...env },
      });
      child.unref();
      return child.pid!;
    };
    const ours = start({ AGENCY_PULSE_RUN: mark });
    const other = start({ AGENCY_PULSE_RUN: `${mark}-other` });
    try {
      const result = spawnSync('bash', [script, mark], {
        encoding: 'utf8',
        // run with the mark set, as scripts/test-all.sh does: the sweep must not stop itself
        env: { ...process.env, AGENCY_PULSE_RUN: mark },
      });
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`sleep(${ours})`);
      await new Promise((r) => setTimeout(r, 200));
      expect(alive(ours)).toBe(false);
      expect(alive(other)).toBe(true);
    } finally {
      for (const pid of [ours, other]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
