import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { can, useWorkspace } from '../app/app-context.tsx';
import { useChannelsQuery } from '../data/channels/channels-query.ts';
import { queryError } from '../data/query-error.ts';
import { ChannelCard } from '../integrations/channel-card.tsx';
import { ChannelForm } from '../integrations/channel-form.tsx';
import { SigningSecret } from '../integrations/signing-secret.tsx';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

/** The company's notification channels: email, Slack, Teams and webhook endpoints that alert rules send to. */
export default function IntegrationsPage() {
  const { me, projects } = useWorkspace();
  const channels = useChannelsQuery();
  const error = queryError(channels.error);
  const [secret, setSecret] = useState<{ channelName: string; secret: string } | null>(null);
  const mayWrite = can(me, 'integrations:write');
  const mayReadLog = can(me, 'integrations:read');
  const firstProject = projects[0];

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Integrations" />
      <p className="lede">
        Channels are where alerts and events go: email recipients, a Slack or Microsoft Teams channel, or your own
        webhook endpoint. Each project chooses which channels its alert rules use
        {firstProject ? (
          <>
            {' '}
            on its{' '}
            <Link to="/p/$projectId/alerts" params={{ projectId: firstProject.id }}>
              Alerts page
            </Link>
          </>
        ) : (
          ' on its Alerts page'
        )}
        .
      </p>
      {secret && (
        <SigningSecret channelName={secret.channelName} secret={secret.secret} onDone={() => setSecret(null)} />
      )}
      {mayWrite && (
        <ChannelForm
          onCreated={(channelName, signingSecret) =>
            setSecret(signingSecret ? { channelName, secret: signingSecret } : null)
          }
        />
      )}
      {channels.isPending && <Loading what="Loading channels" />}
      {error && <ErrorNotice message={error} onRetry={() => void channels.refetch()} />}
      {channels.data && channels.data.channels.length === 0 && (
        <Empty title="No channels yet">
          <p>
            {mayWrite
              ? 'Add one above, send it a test, then pick it in an alert rule on a project’s Alerts page.'
              : 'An owner or admin can add email, Slack, Teams or webhook channels here.'}
          </p>
        </Empty>
      )}
      {channels.data?.channels.map((channel) => (
        <ChannelCard key={channel.id} channel={channel} mayWrite={mayWrite} mayReadLog={mayReadLog} />
      ))}
    </section>
  );
}
