import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU time spent by the PostgreSQL backends serving one database, read from /proc (the server must run on
 * this machine). Wall-clock rates swing with whatever else the machine runs; CPU seconds per record do not,
 * so the benchmark reports both. Backends are sampled every 100 ms, keeping each one's last reading, so a
 * backend that exits meanwhile loses at most its last 100 ms.
 */

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return undefined;
  }
}

export interface CpuMeter {
  /** Seconds of backend CPU since the meter started. */
  readonly stop: () => Promise<number>;
}

export async function meterBackends(pool: pg.Pool, database: string): Promise<CpuMeter> {
  const start = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async () => {
    const rows = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      database,
    ]);
    for (const { pid } of rows.rows) {
      const seconds = cpuSeconds(pid);
      if (seconds === undefined) continue;
      if (!start.has(pid)) start.set(pid, seconds);
      last.set(pid, seconds);
    }
  };
  await sample();
  const first = new Set(start.keys());
  const timer = setInterval(() => void sample().catch(() => {}), 100);
  return {
    stop: async () => {
      clearInterval(timer);
      await sample();
      let total = 0;
      // A backend born after the start worked for us all its life.
      for (const [pid, seconds] of last)
        total += seconds - (first.has(pid) ? (start.get(pid) ?? seconds) : 0);
      return total;
    },
  };
}
