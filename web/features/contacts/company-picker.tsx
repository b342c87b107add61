// Company picker for record forms (contacts, deals, projects): search companies, Enter picks the
// highlighted match, and a missing one is created in place ("Create company “Globex”").
import { Building2 } from 'lucide-react';
import { toast } from 'sonner';
import { Combobox, type ComboOption } from '../../components/combobox';
import { useCompanies, useCreateCompany } from '../companies/companies.queries';

interface CompanyPickerProps {
  id?: string;
  value: string | null;
  /** Name of the selected company, for showing it before the list is loaded. */
  selectedName: string | null;
  onChange: (company: { id: string; name: string } | null) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

function useCompanyResults(q: string, open: boolean) {
  const companies = useCompanies({ q: q || undefined, limit: 20, sort: 'name' }, { enabled: open });
  const options: ComboOption[] = (companies.data?.data ?? []).map((c) => ({ value: c.id, label: c.name, detail: c.domain ?? undefined }));
  return { options, loading: companies.isFetching, error: companies.error };
}

export function CompanyPicker({ value, selectedName, onChange, ...rest }: CompanyPickerProps) {
  const create = useCreateCompany();
  return (
    <Combobox
      {...rest}
      value={value}
      selectedLabel={selectedName}
      noneLabel="No company"
      searchLabel="Search companies"
      listLabel="Companies"
      placeholder="Search or create a company…"
      icon={<Building2 />}
      useResults={useCompanyResults}
      emptyText={(q) => (q ? `No company matches “${q}”` : 'No companies yet')}
      creates={[
        {
          label: 'Create company',
          create: async (name) => {
            const c = await create.mutateAsync({ name });
            toast.success(`Company ${c.name} created`);
            return { value: c.id, label: c.name };
          },
        },
      ]}
      onChange={(o) => onChange(o ? { id: o.value, name: o.label } : null)}
    />
  );
}
