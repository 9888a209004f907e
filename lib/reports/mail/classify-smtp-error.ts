/** How a failed send is handled: tried again later, or given up with the server's reply. */
export type SmtpFailure = { isPermanent: boolean; reply: string };

/**
 * Transient: connection refused or reset, timeouts, TLS trouble, 4xx replies (greylisting, a full
 * mailbox for now, rate limits). Permanent: 5xx replies (an unknown recipient, a refused sender,
 * failed authentication) and a message the client refused to build. The reply is the server's
 * own text when there is one.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const details =
    typeof error === 'object' && error !== null
      ? (error as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown })
      : {};
  const code = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const response = typeof details.response === 'string' ? details.response.trim() : '';
  const message =
    typeof details.message === 'string' ? details.message : error ? String(error) : 'unknown';
  const reply =
    response ||
    (typeof details.code === 'string' ? `${details.code}: ${message}` : message).slice(0, 2000);
  if (code !== undefined) return { isPermanent: code >= 500, reply };
  return { isPermanent: details.code === 'EMESSAGE', reply };
}
