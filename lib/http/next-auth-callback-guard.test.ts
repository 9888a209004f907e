import { describe, expect, it } from 'vitest';
import { isAcceptableCallbackUrl, withoutBadCallbackCookies } from './next-auth-callback-guard';

const BASE = 'http://127.0.0.1:3000';

describe('next-auth callback guard', () => {
  it('accepts paths and http(s) URLs, as next-auth does, and nothing else', () => {
    expect(isAcceptableCallbackUrl('/account', BASE)).toBe(true);
    expect(isAcceptableCallbackUrl('https://pulse.example.com/', BASE)).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'not a url', ''])
      expect(isAcceptableCallbackUrl(bad, BASE), bad).toBe(false);
  });

  it('drops only a callback-URL cookie next-auth would refuse', () => {
    expect(
      withoutBadCallbackCookies(
        'a=1; next-auth.callback-url=javascript%3Aalert(1); next-auth.session-token=s',
        BASE,
      ),
    ).toEqual({ header: 'a=1; next-auth.session-token=s', dropped: ['next-auth.callback-url'] });
    expect(withoutBadCallbackCookies('next-auth.callback-url=%E0%A4%A', BASE).dropped).toEqual([
      'next-auth.callback-url',
    ]);
    const fine = 'next-auth.callback-url=http%3A%2F%2F127.0.0.1%3A3000; x=2';
    expect(withoutBadCallbackCookies(fine, BASE)).toEqual({ header: fine, dropped: [] });
    expect(withoutBadCallbackCookies(null, BASE)).toEqual({ header: '', dropped: [] });
  });
});
