import { describe, expect, it } from 'vitest';
import { newRunMark, runOf, testDatabaseName, testRoleName } from './pg-names.js';
import { ownerGone, ownerNote, processTable, type ProcessTable } from './run-owner.js';

const MARK = 'r0011223344556677';

/** A machine whose processes are `starts` (pid → start time). */
function machine(boot: string, pidNamespace: string, starts: Record<number, string>): ProcessTable {
  return { boot, pidNamespace, start: (pid) => starts[pid] ?? null };
}

describe('names of the test databases and roles', () => {
  it('carry the mark of the run that made them, which its teardown reads back', () => {
    const db = testDatabaseName('course_page', MARK, '0123456789ab');
    expect(db).toBe('course_page_r0011223344556677_0123456789ab');
    expect(runOf(db)).toBe(MARK);
    const role = testRoleName(`postgresql://postgres@localhost/${db}?port=5432`, 'audit_8');
    expect(role).toBe('audit_8_r0011223344556677_0123456789ab');
    expect(runOf(role)).toBe(MARK);
  });

  it('tell apart two runs with the same pid (separate containers on one server)', () => {
    // each container's vitest is pid 42, say; here 100 marks made in one process (one pid)
    const marks = new Set(Array.from({ length: 100 }, () => newRunMark()));
    expect(marks.size).toBe(100);
    const [a, b] = [...marks] as [string, string];
    const theirs = testDatabaseName('cifra', b, '0123456789ab');
    expect(runOf(testDatabaseName('cifra', a, '0123456789ab'))).toBe(a);
    expect(runOf(theirs)).not.toBe(a);
  });

  it("are told apart from any other database or role: those are never a run's to drop", () => {
    for (const other of [
      'postgres',
      'template1',
      'cifra_0123456789ab', // made before names carried a run's mark
      'cifra_t4242_0123456789ab', // made when the mark was the run's pid
      'rvw_0123456789ab',
      'reader_33f8c05ba0f5',
      'cifra_r0011223344556677_0123456789abc', // 13 hex digits
      'cifra_r001122334455667_0123456789ab', // a mark of 15
      'cifra_r0011223344556677_0123456789AB',
      'cifra_rx_0123456789ab',
    ])
      expect(runOf(other)).toBeNull();
    expect(() => testRoleName('postgresql://localhost/cifra_0123456789ab', 'reader')).toThrow(
      'not a test database',
    );
  });

  it("stay within PostgreSQL's 63 bytes, or are refused rather than cut", () => {
    const longest = testDatabaseName('x'.repeat(32), MARK, '0123456789ab');
    expect(longest).toHaveLength(63);
    expect(() => testDatabaseName('x'.repeat(33), MARK, '0123456789ab')).toThrow('63 bytes');
    const url = `postgresql://localhost/${longest}`;
    expect(() => testRoleName(url, 'y'.repeat(33))).toThrow('63 bytes');
  });
});

describe("a killed run's databases", () => {
  const here = machine('boot-1', 'pid:[4026531836]', { 42: '1000', 77: '5000' });
  const note = (boot: string, pidNamespace: string, pid: number, start: string): string =>
    JSON.stringify({ boot, pidNamespace, pid, start });

  it('are dropped when their run was on this machine and its process is gone', () => {
    expect(ownerGone(note('boot-1', 'pid:[4026531836]', 99, '1200'), here)).toBe(true);
    // the pid is used again by a process started later: not the run's
    expect(ownerGone(note('boot-1', 'pid:[4026531836]', 42, '900'), here)).toBe(true);
  });

  it('are kept while their run lives', () => {
    expect(ownerGone(ownerNote(here, 42), here)).toBe(false);
  });

  it('are kept when nothing here can judge their run', () => {
    // another container (pid namespace) on this kernel: its pid 99 is not this one's
    expect(ownerGone(note('boot-1', 'pid:[4026532999]', 99, '1200'), here)).toBe(false);
    // another machine, or this one before a reboot, through a mapped port or mounted socket
    expect(ownerGone(note('boot-2', 'pid:[4026531836]', 99, '1200'), here)).toBe(false);
    for (const other of [null, '', 'not json', 'null', '5', '{"boot":"boot-1"}'])
      expect(ownerGone(other, here)).toBe(false);
  });

  it("name this machine's running process (Linux)", () => {
    const table = processTable();
    // without /proc (not Linux) nothing is judged gone: the sweep of killed runs is off
    if (table === null) return expect(process.platform).not.toBe('linux');
    expect(ownerGone(ownerNote(table, process.pid), table)).toBe(false);
    expect(JSON.parse(ownerNote(table, process.pid))).toMatchObject({ pid: process.pid });
  });
});
