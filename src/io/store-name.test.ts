import { describe, expect, it } from 'vitest';
import { storeName } from './store-name.js';

// `cifra compare --db` wrote the store's --db into its report: a PostgreSQL URL's password with it
// (the diff read of session 25, M4). Failed on the old code: there was no such function.
describe('storeName', () => {
  it("drops a PostgreSQL URL's user and password, keeps host, port, database and options", () => {
    expect(storeName('postgres://cifra:s3cret@db.example:5433/night?sslmode=require')).toBe(
      'postgres://db.example:5433/night?sslmode=require',
    );
    expect(storeName('postgresql://u:p@localhost/postgres?host=/run/pg')).not.toMatch(/u:p|p@/);
  });
  it('keeps a SQLite path as it is', () => {
    expect(storeName('/tmp/r2.db')).toBe('/tmp/r2.db');
  });
});
