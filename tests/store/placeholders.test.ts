// The PostgreSQL store numbers the `?` placeholders of the SQL both stores share, and nothing else.
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, numberPlaceholders, safeUrl } from '../../pipeline/store/postgres/index.ts';

describe('numberPlaceholders', () => {
  it('numbers ? in order, leaving quoted text, quoted names and comments alone', () => {
    expect(numberPlaceholders("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? -- why?\n AND d = ?"))
      .toBe("SELECT * FROM t WHERE a = $1 AND b = '?' AND \"c?\" = $2 -- why?\n AND d = $3");
  });
  it("reads an analyst's apostrophe in a comment as a comment", () => {
    expect(numberPlaceholders("-- the analyst's review\nINSERT INTO x VALUES (?)")).toBe("-- the analyst's review\nINSERT INTO x VALUES ($1)");
  });
});

describe('--db values', () => {
  it('tells a PostgreSQL URL from a file, and hides the password in messages', () => {
    expect(['postgres://h/db', 'postgresql://u@h:5432/db', 'POSTGRES://h/d'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['county.sqlite', '/data/postgres/county.sqlite', 'postgres.sqlite'].map(isPostgresUrl)).toEqual([false, false, false]);
    expect(safeUrl('postgres://jixiao:s3cret@db.example:5432/county')).toBe('postgres://jixiao:***@db.example:5432/county');
  });
});
