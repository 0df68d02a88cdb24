// How long a process's main thread ran on a CPU and waited for one
// (/proc/PID/schedstat, nanoseconds): on a shared machine the wait is the
// other processes' doing, the run time is ours. Undefined where the kernel
// does not say (not Linux, no schedstats).
import * as fs from 'node:fs';

export interface SchedTimes {
  readonly runMs: number;
  readonly waitMs: number;
}

export function schedTimes(pid: number | undefined): SchedTimes | undefined {
  if (pid === undefined) return undefined;
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? { runMs: run / 1e6, waitMs: wait / 1e6 } : undefined;
  } catch {
    return undefined;
  }
}
