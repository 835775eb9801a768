import { ResendButton } from '../pages/verify-email-page.tsx';
import { useWorkspace } from './app-context.tsx';

/** Until the address is verified (signing in works all the same): say so, and offer a new link. */
export function VerifyEmailBanner() {
  const { me } = useWorkspace();
  if (me.emailVerified || me.apiKeyId) return null;
  return (
    <div className="notice verify-email-banner" role="status">
      <span>
        Confirm your email address: we sent a link to <strong>{me.user.email}</strong>.
      </span>{' '}
      <ResendButton className="secondary" />
    </div>
  );
}
