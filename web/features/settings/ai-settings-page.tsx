// Settings → AI: the organization's model (admins) and everyone's personal override.
import { ArrowLeft } from 'lucide-react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { useClearMyAi, useMyAi, useOrgAi } from '../assistant/assistant.queries';
import { isAdmin, useMe } from '../auth/session';
import { AiSettingsForm } from './ai-settings-form';

function Loading() {
  return (
    <div aria-busy="true" className="space-y-3">
      <Skeleton className="h-9 w-full" />
      <Skeleton className="h-9 w-2/3" />
    </div>
  );
}

function OrganizationSection() {
  const org = useOrgAi(true);
  return (
    <Card className="p-6" aria-labelledby="org-ai">
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <h2 id="org-ai" className="text-base font-semibold">Organization model</h2>
        {org.data ? <Badge>{org.data.label}</Badge> : null}
      </div>
      <p className="mb-4 text-sm text-zinc-500">Answers everyone in the organization who has not set their own model.</p>
      {org.isError ? (
        <ErrorState error={org.error} onRetry={() => org.refetch()} />
      ) : org.isPending ? (
        <Loading />
      ) : (
        <AiSettingsForm key={org.dataUpdatedAt} scope="organization" stored={org.data.scope === 'organization' ? org.data : null} saveLabel="Save for the organization" />
      )}
    </Card>
  );
}

function PersonalSection() {
  const mine = useMyAi();
  const admin = isAdmin(useMe().role);
  const clear = useClearMyAi();
  const override = mine.data?.scope === 'user' ? mine.data : null;
  return (
    <Card className="p-6" aria-labelledby="my-ai">
      <h2 id="my-ai" className="text-base font-semibold">Your model</h2>
      <p className="mb-4 mt-1 text-sm text-zinc-500">
        {mine.data
          ? override
            ? `You use your own model: ${override.label}.`
            : `You use the organization's model: ${mine.data.label}. Set your own below, for example with your personal API key.`
          : 'A personal model answers only you.'}
      </p>
      {mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => mine.refetch()} />
      ) : mine.isPending ? (
        <Loading />
      ) : (
        <AiSettingsForm
          key={`${mine.data.scope}-${mine.dataUpdatedAt}`}
          scope="user"
          stored={override}
          initialProvider={mine.data.provider}
          saveLabel="Save my model"
          baseUrlEditable={admin}
          inheritedBaseUrl={mine.data.scope === 'organization' ? mine.data.baseUrl : null}
          extraActions={
            override ? (
              <Button
                variant="ghost"
                disabled={clear.isPending}
                onClick={() =>
                  clear.mutate(undefined, {
                    onSuccess: () => toast.success("You now use the organization's model"),
                    onError: (e) => toast.error(errorMessage(e)),
                  })
                }
              >
                Use the organization's model
              </Button>
            ) : null
          }
        />
      )}
    </Card>
  );
}

export function AiSettingsPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  return (
    <>
      <Link to="/settings" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
        <ArrowLeft className="size-4" aria-hidden="true" /> Settings
      </Link>
      <PageHeader title="AI" description="Which model answers in the assistant. Keys are stored encrypted and never shown again." />
      <div className="space-y-6">
        {admin ? <OrganizationSection /> : null}
        <PersonalSection />
      </div>
    </>
  );
}
