import { describe, expect, it } from 'vitest';
import { runMark, runOf, testDatabaseName, testRoleName } from './pg-names.js';

describe('names of the test databases and roles', () => {
  it('carry the pid of the run that made them, which its teardown reads back', () => {
    const db = testDatabaseName('course_page', runMark(4242), '0123456789ab');
    expect(db).toBe('course_page_t4242_0123456789ab');
    expect(runOf(db)).toBe(4242);
    const role = testRoleName(`postgresql://postgres@localhost/${db}?port=5432`, 'audit_8');
    expect(role).toBe('audit_8_t4242_0123456789ab');
    expect(runOf(role)).toBe(4242);
  });

  it("are told apart from any other database or role: those are never a run's to drop", () => {
    for (const other of [
      'postgres',
      'template1',
      'cifra_0123456789ab', // made before names carried a run's mark
      'rvw_0123456789ab',
      'reader_33f8c05ba0f5',
      'cifra_t4242_0123456789abc', // 13 hex digits
      'cifra_t4242_0123456789AB',
      'cifra_tx_0123456789ab',
    ])
      expect(runOf(other)).toBeNull();
    expect(() => testRoleName('postgresql://localhost/cifra_0123456789ab', 'reader')).toThrow(
      'not a test database',
    );
  });
});
