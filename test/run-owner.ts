// Who owns a test run, told apart across containers and reused pids: the PostgreSQL databases a
// run makes (pg-names.ts, pg-global-setup.ts) and its temporary folders (tmp-global-setup.ts)
// carry this note, and a later run removes them only when it says, beyond doubt, that the owner
// was on this machine and is gone (`ownerGone`).
import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Who owns a run: the kernel's boot (a random id per boot, the same in every container on it), the
 * pid namespace, the pid there and the process's start (clock ticks after boot, so a pid used
 * again is told apart).
 */
export interface RunOwner {
  boot: string;
  pidNamespace: string;
  pid: number;
  start: string;
}

/** What the machine says of its processes; `start` is null for a pid with no process. */
export interface ProcessTable {
  boot: string;
  pidNamespace: string;
  start: (pid: number) => string | null;
}

/** This machine's process table (Linux's /proc); null where there is none to read. */
export function processTable(): ProcessTable | null {
  try {
    return {
      boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
      pidNamespace: readlinkSync('/proc/self/ns/pid'),
      start: processStart,
    };
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat, after the command's name (which may hold spaces and parens). */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The owner of the process `pid` in `table`: the note its run's databases and folders carry. */
export function ownerNote(table: ProcessTable, pid: number): string {
  const start = table.start(pid);
  if (start === null) throw new Error(`no process ${pid}`);
  const owner: RunOwner = { boot: table.boot, pidNamespace: table.pidNamespace, pid, start };
  return JSON.stringify(owner);
}

/**
 * Whether the run whose databases or folders carry `note` is gone, beyond doubt: the note is one, made on
 * this boot in this pid namespace, and its pid has no process now or one started at another time.
 * Anything else (no note, another machine or container, unreadable) is not ours to judge.
 */
export function ownerGone(note: string | null, table: ProcessTable): boolean {
  if (note === null) return false;
  let owner: Partial<RunOwner>;
  try {
    owner = (JSON.parse(note) ?? {}) as Partial<RunOwner>;
  } catch {
    return false;
  }
  if (owner.boot !== table.boot || owner.pidNamespace !== table.pidNamespace) return false;
  if (typeof owner.pid !== 'number' || typeof owner.start !== 'string') return false;
  return table.start(owner.pid) !== owner.start;
}
