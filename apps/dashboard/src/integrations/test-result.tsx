import type { Delivery } from '@tcpa/contracts';

/** What "Send test" came back with: delivered with its status code, the error, or still pending. */
export function TestResult({ delivery }: { delivery: Delivery }) {
  const attempt = delivery.attemptLog.at(-1);
  const code = attempt?.statusCode ?? delivery.lastStatusCode;
  if (delivery.status === 'delivered') {
    return (
      <p className="test-result" role="status">
        <span className="badge badge-succeeded">delivered</span> {code !== null ? `HTTP ${code}` : ''}
        {attempt ? ` in ${attempt.durationMs} ms` : ''}
      </p>
    );
  }
  if (!attempt) {
    return (
      <p className="test-result" role="status">
        <span className="badge badge-pending">pending</span> Not attempted yet: see the delivery log in a moment.
      </p>
    );
  }
  return (
    <p className="test-result" role="status">
      <span className="badge badge-failed">failed</span> {code !== null ? `HTTP ${code}: ` : ''}
      {attempt.error ?? delivery.lastError ?? 'no answer'}
      {delivery.status === 'pending' ? ' (it will be retried)' : ''}
    </p>
  );
}
