// Sending an email campaign from its page: a test send to any address, then the real send behind
// a confirmation that says how many members will be mailed (the server skips opted-out, bounced
// and address-less contacts). Only an admin or the campaign's owner sees the Send button.
import { Mail, Send } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Campaign } from '../../../contracts/campaigns';
import { RecordSection } from '../../components/record-page';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import { isAdmin, useMe } from '../auth/session';
import { useSendCampaign, useTestSend } from './campaigns.queries';

export function CampaignSend({ campaign, editable }: { campaign: Campaign; editable: boolean }) {
  const me = useMe();
  const [to, setTo] = useState(me.user.email);
  const [confirming, setConfirming] = useState(false);
  const test = useTestSend(campaign.id);
  const send = useSendCampaign(campaign.id);
  const mayConfirm = isAdmin(me.role) || campaign.ownerId === me.user.id;
  const ready = Boolean(campaign.emailSubject && campaign.emailBody);

  return (
    <RecordSection id="campaign-send" title="Email" className="mt-6 p-6">
      {!ready ? (
        <p className="text-sm text-zinc-600">Write the subject and message (Edit) before sending.</p>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-zinc-800"><span className="font-medium">Subject:</span> {campaign.emailSubject}</p>
          {campaign.sendRequestedAt ? <p className="text-sm text-zinc-600">Sending since {formatDateTime(campaign.sendRequestedAt)}; members added later are mailed too.</p> : null}
          {editable ? (
            <form
              className="flex flex-col gap-2 sm:flex-row sm:items-end"
              onSubmit={(e) => {
                e.preventDefault();
                test.mutate(to, { onSuccess: (r) => toast.success(`Test sent to ${r.to}`), onError: (err) => toast.error(errorMessage(err)) });
              }}
            >
              <Field label="Send a test to" className="flex-1">
                <Input type="email" value={to} onChange={(e) => setTo(e.target.value)} autoComplete="email" />
              </Field>
              <Button type="submit" variant="secondary" disabled={!to || test.isPending}>
                <Mail className="size-4" aria-hidden="true" /> Send test
              </Button>
            </form>
          ) : null}
          {mayConfirm && editable ? (
            <Button onClick={() => setConfirming(true)} disabled={campaign.type !== 'email' || send.isPending}>
              <Send className="size-4" aria-hidden="true" /> {campaign.sendRequestedAt ? 'Send to new members' : 'Send campaign'}
            </Button>
          ) : (
            <p className="text-xs text-zinc-500">An admin or the campaign's owner sends it.</p>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Send “${campaign.name}”?`}
        description={`Every member with an email address who has not opted out and has not bounced gets this message (${plural(campaign.memberCount ?? 0, 'member', 'members')} in the campaign). This cannot be undone.`}
        confirmLabel="Send now"
        pending={send.isPending}
        onConfirm={() =>
          send.mutate(undefined, {
            onSuccess: (r) => {
              setConfirming(false);
              toast.success(`${plural(r.queued, 'message', 'messages')} on the way (up to ${r.perMinute} a minute); ${r.skipped.optedOut} opted out and ${r.skipped.bounced} bounced skipped`);
            },
            onError: (err) => toast.error(errorMessage(err)),
          })
        }
      />
    </RecordSection>
  );
}
