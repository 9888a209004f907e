import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '@/lib/reports/mail/classify-smtp-error';
import { redactSmtpSecret } from '@/lib/reports/mail/redact-smtp-secret';

const smtpError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('classifySmtpError', () => {
  it('gives up on 5xx replies, with the server’s reply', () => {
    expect(
      classifySmtpError(
        smtpError({ responseCode: 550, response: '550 5.1.1 User unknown', code: 'EENVELOPE' }),
      ),
    ).toEqual({ isPermanent: true, reply: '550 5.1.1 User unknown' });
    expect(classifySmtpError(smtpError({ responseCode: 535, response: '535 Bad login' }))).toEqual({
      isPermanent: true,
      reply: '535 Bad login',
    });
  });

  it('retries 4xx replies and connection trouble', () => {
    expect(classifySmtpError(smtpError({ responseCode: 451, response: '451 Try later' }))).toEqual({
      isPermanent: false,
      reply: '451 Try later',
    });
    expect(
      classifySmtpError(smtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' })),
    ).toEqual({ isPermanent: false, reply: 'ECONNECTION: connect ECONNREFUSED' });
    expect(
      classifySmtpError(smtpError({ code: 'ETIMEDOUT', message: 'Timeout' })).isPermanent,
    ).toBe(false);
    expect(classifySmtpError('socket hang up')).toEqual({
      isPermanent: false,
      reply: 'socket hang up',
    });
  });

  it('gives up on a message the client refused to build', () => {
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', message: 'bad' })).isPermanent).toBe(
      true,
    );
  });
});

describe('redactSmtpSecret', () => {
  it('takes the password out, plain, URL-encoded and base64', () => {
    const pass = 'p@ss word/1';
    const text = `a ${pass} b ${encodeURIComponent(pass)} c ${Buffer.from(pass).toString('base64')}`;
    expect(redactSmtpSecret(text, { auth: { user: 'u', pass } })).toBe('a *** b *** c ***');
    expect(redactSmtpSecret('nothing', {})).toBe('nothing');
  });
});
