// Campaign picker for the deal form: search campaigns by name (no create in place: a campaign has
// a budget and dates worth a form of its own).
import { Megaphone } from 'lucide-react';
import { Combobox, type ComboOption } from '../../components/combobox';
import { label, useCampaigns } from './campaigns.queries';

interface CampaignPickerProps {
  id?: string;
  value: string | null;
  /** Name of the selected campaign, for showing it before the list is loaded. */
  selectedName: string | null;
  onChange: (campaign: { id: string; name: string } | null) => void;
}

function useCampaignResults(q: string, open: boolean) {
  const campaigns = useCampaigns({ q: q || undefined, limit: 20, sort: 'name' }, { enabled: open });
  const options: ComboOption[] = (campaigns.data?.data ?? []).map((c) => ({ value: c.id, label: c.name, detail: `${label(c.type)} · ${label(c.status)}` }));
  return { options, loading: campaigns.isFetching, error: campaigns.error };
}

export function CampaignPicker({ value, selectedName, onChange, ...rest }: CampaignPickerProps) {
  return (
    <Combobox
      {...rest}
      value={value}
      selectedLabel={selectedName}
      noneLabel="No campaign"
      searchLabel="Search campaigns"
      listLabel="Campaigns"
      placeholder="Search campaigns…"
      icon={<Megaphone />}
      useResults={useCampaignResults}
      emptyText={(q) => (q ? `No campaign matches “${q}”` : 'No campaigns yet')}
      onChange={(o) => onChange(o ? { id: o.value, name: o.label } : null)}
    />
  );
}
