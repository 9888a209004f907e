import { ConnectGhlButton } from '@/components/settings/connect-ghl-button';
import { DisconnectGhlButton } from '@/components/settings/disconnect-ghl-button';
import { Alert } from '@/components/ui/alert';
import { formatInstant } from '@/lib/metrics/format-report-value';
import { CONNECT_FAILURE_MESSAGES, type ConnectFailure } from '@/lib/oauth/connect-failures';
import type { OAuthConnectionStatus } from '@/lib/oauth/get-connection-status';
import styles from './settings.module.css';

/**
 * The connection's state and the Connect button. Each failed step of the last attempt is named
 * with what to do; a connection that needs reconnecting says why (GHL's words, redacted).
 */
export function ConnectGhlView({
  status,
  isConfigured,
  justConnected,
  failure,
  failureStatus,
}: {
  status: OAuthConnectionStatus;
  isConfigured: boolean;
  justConnected: boolean;
  failure: ConnectFailure | null;
  failureStatus: number | null;
}) {
  return (
    <div className={styles.form}>
      {failure ? (
        <Alert tone="danger" title="Connecting GoHighLevel did not complete">
          <p data-testid="connect-failure" data-step={failure}>
            {CONNECT_FAILURE_MESSAGES[failure]}
            {failureStatus ? ` (GoHighLevel answered HTTP ${failureStatus}.)` : ''}
          </p>
        </Alert>
      ) : null}
      {justConnected && status.state === 'connected' ? (
        <Alert tone="info" title="GoHighLevel is connected">
          <p>The next sync reads every sub-account through the Marketplace app.</p>
        </Alert>
      ) : null}
      <section aria-labelledby="connection-state">
        <h2 id="connection-state" className={styles.sectionTitle}>
          Connection
        </h2>
        {status.state === 'not_connected' ? (
          <p data-testid="connection-state" data-state="not_connected">
            Not connected. Sub-accounts are read with their own Private Integration Tokens (Location
            tokens), else the agency token.
          </p>
        ) : (
          <>
            <p data-testid="connection-state" data-state={status.state}>
              {status.state === 'connected' ? 'Connected' : 'Needs reconnect'} — agency{' '}
              {status.companyId}, connected {formatInstant(status.connectedAt)}
              {status.connectedBy ? ` by ${status.connectedBy}` : ''}
              {status.refreshedAt
                ? `; tokens last refreshed ${formatInstant(status.refreshedAt)}`
                : ''}
              .
            </p>
            {status.state === 'needs_reconnect' ? (
              <Alert tone="warning" title="Reconnect GoHighLevel">
                <p>
                  {status.message} Syncs that need the connection stop until it is reconnected;
                  cached data is kept.
                </p>
              </Alert>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="connect-how">
        <h2 id="connect-how" className={styles.sectionTitle}>
          {status.state === 'not_connected' ? 'Connect' : 'Reconnect'}
        </h2>
        <p className="muted">
          You approve the app for the agency and its sub-accounts on GoHighLevel&apos;s page and
          come back here. Credential order per sub-account: its own Private Integration Token if one
          is stored, else an OAuth location token from this connection, else the agency token.
        </p>
        {isConfigured ? (
          <ConnectGhlButton
            label={
              status.state === 'not_connected' ? 'Connect GoHighLevel' : 'Reconnect GoHighLevel'
            }
          />
        ) : (
          <Alert tone="warning" title="Not configured">
            <p>{CONNECT_FAILURE_MESSAGES.not_configured} APP_ENCRYPTION_KEY is needed too.</p>
          </Alert>
        )}
      </section>
      {status.state === 'not_connected' ? null : (
        <section aria-labelledby="connect-disconnect">
          <h2 id="connect-disconnect" className={styles.sectionTitle}>
            Disconnect
          </h2>
          <p className="muted">
            Deletes the stored agency tokens and the cached location tokens; cached report data
            stays. Sub-accounts are then read with their own Private Integration Token, else the
            agency token (GHL_API_TOKEN); without either, syncs stop until you connect again. To
            revoke the app at GoHighLevel too, uninstall it there.
          </p>
          <DisconnectGhlButton />
        </section>
      )}
    </div>
  );
}
