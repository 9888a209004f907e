import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/db';
import { describeDatabaseError } from './describe-database-error';

const t = useTestDatabase();

describe('describeDatabaseError', () => {
  it("gives PostgreSQL's reason and code in one line, without the statement", async () => {
    const error = await t.db.$queryRaw`SELECT ${'0000-01-01'}::date AS day`.catch(
      (e: unknown) => e,
    );
    const line = describeDatabaseError(error);
    expect(line).toMatch(/^the database refused the request: .+ \(SQLSTATE 22008\)$/);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('SELECT');
  });

  it('is null for anything else', () => {
    expect(describeDatabaseError(new Error('boom'))).toBeNull();
    expect(describeDatabaseError('text')).toBeNull();
  });
});
