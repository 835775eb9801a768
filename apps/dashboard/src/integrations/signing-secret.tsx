import { CopyButton } from '../ui/states.tsx';

/** A new webhook's signing secret, in the only answer that holds it. */
export function SigningSecret({
  channelName,
  secret,
  onDone,
}: {
  channelName: string;
  secret: string;
  onDone: () => void;
}) {
  return (
    <section className="card secret-card" aria-label="Signing secret">
      <p>
        <strong>Signing secret for {channelName}.</strong> Copy it now: you will not see this again. Your endpoint uses
        it to check the <code>webhook-signature</code> header of each request.
      </p>
      <pre className="command">{secret}</pre>
      <div className="toolbar">
        <CopyButton text={secret} label="Copy secret" />
        <button type="button" className="secondary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
