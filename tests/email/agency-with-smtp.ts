import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@/lib/db/client';
import { useTestDatabase } from '@/tests/db';
import { seedAgency } from '@/tests/email/helpers';
import { startSmtpCatcher, type SmtpCatcher } from '@/tests/email/smtp-catcher';

export type AgencyWithSmtp = { readonly db: Db; readonly url: string; readonly smtp: SmtpCatcher };

/**
 * For the enclosing test file: a fresh database seeded with the email tests' agency
 * (`seedAgency`) and a real SMTP server catching what is sent, both ready before its tests and
 * stopped/dropped after. Read the fields inside tests and hooks, not at import time.
 */
export function useAgencyWithSmtp(): AgencyWithSmtp {
  const t = useTestDatabase();
  let smtp: SmtpCatcher | undefined;
  // Registered after useTestDatabase's hooks: seeded once the database exists, and the catcher
  // stopped before it is dropped.
  beforeAll(async () => {
    await seedAgency(t.db);
    smtp = await startSmtpCatcher();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  return {
    get db() {
      return t.db;
    },
    get url() {
      return t.url;
    },
    get smtp() {
      if (!smtp) throw new Error('The SMTP catcher runs only inside tests and hooks.');
      return smtp;
    },
  };
}
