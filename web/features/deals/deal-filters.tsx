// Board and list filters, kept in the URL (?owner=&tag=&closeFrom=&closeTo=&amountMin=&amountMax=&q=)
// so a filtered pipeline view can be shared and the dashboard can link straight into one.
import { ChevronDown, SlidersHorizontal } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { SearchBox } from '../../components/data-table';
import { useListPage } from '../../components/list-page';
import { Button } from '../../components/ui/button';
import { Input, Label, Select } from '../../components/ui/input';
import { parseAmount } from '../../../contracts/money';
import type { Member } from '../../../contracts/members';
import type { Stage } from '../../../contracts/sales';
import { cn } from '../../lib/utils';

export const DEAL_FILTERS = ['owner', 'tag', 'closeFrom', 'closeTo', 'amountMin', 'amountMax', 'stage'] as const;

/** The list state of /deals (board and list share it), with saved views (?savedView=) like every list. */
export function useDealFilters() {
  return useListPage('-createdAt', DEAL_FILTERS);
}
export type DealFilterState = ReturnType<typeof useDealFilters>;

/** The API's filter JSON for the URL state (without the pipeline, which the caller adds). */
export function dealFilter(f: Record<string, string>): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (f.owner) filter.ownerId = f.owner;
  if (f.tag) filter.tags = f.tag;
  if (f.stage) filter.stageId = f.stage;
  const range = (from?: string, to?: string) => {
    const r: Record<string, string> = {};
    if (from) r.gte = from;
    if (to) r.lte = to;
    return Object.keys(r).length ? r : undefined;
  };
  const close = range(f.closeFrom, f.closeTo);
  if (close) filter.expectedCloseDate = close;
  const amount = range(parseAmount(f.amountMin ?? '')?.amount, parseAmount(f.amountMax ?? '')?.amount);
  if (amount) filter.amount = amount;
  return filter;
}

const OPEN_KEY = 'meridian.deals.filtersOpen';

/**
 * Search and the pipeline picker stay in one row; the other filters fold away behind "Filters"
 * (with the number set), so the board starts near the top of the screen.
 */
export function DealFilterBar({ state, members, stages, showStage, leading }: { state: DealFilterState; members: Member[]; stages: Stage[]; showStage: boolean; leading?: ReactNode }) {
  const f = state.filters;
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(OPEN_KEY) === '1';
    } catch {
      return false;
    }
  });
  const toggle = () => {
    setOpen(!open);
    try {
      localStorage.setItem(OPEN_KEY, open ? '0' : '1');
    } catch {
      // The choice lasts for this page view only.
    }
  };
  const set = DEAL_FILTERS.filter((k) => (k !== 'stage' || showStage) && f[k]).length;
  return (
    <div className="mb-3" role="group" aria-label="Deal filters">
      <div className="flex flex-wrap items-center gap-2">
        {leading}
        <SearchBox label="Search deals" value={state.q} onChange={(q) => state.update({ q })} />
        <Button variant="secondary" aria-expanded={open} aria-controls="deal-filter-panel" onClick={toggle}>
          <SlidersHorizontal aria-hidden="true" /> Filters
          {set > 0 ? <span className="rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-on-accent" aria-label={`${set} set`}>{set}</span> : null}
          <ChevronDown className={cn('transition-transform', open && 'rotate-180')} aria-hidden="true" />
        </Button>
        {state.filtering ? (
          <Button variant="ghost" onClick={state.clear}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div id="deal-filter-panel" hidden={!open} className="mt-2 flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-3">
        <Select aria-label="Filter by owner" className="w-44" value={f.owner} onChange={(e) => state.update({ owner: e.target.value })}>
          <option value="">All owners</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </Select>
        {showStage ? (
          <Select aria-label="Filter by stage" className="w-40" value={f.stage} onChange={(e) => state.update({ stage: e.target.value })}>
            <option value="">All stages</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        ) : null}
        <Input aria-label="Filter by tag" placeholder="Tag" className="w-28" defaultValue={f.tag} key={`tag-${f.tag}`} onBlur={(e) => state.update({ tag: e.target.value.trim() })} onKeyDown={(e) => e.key === 'Enter' && state.update({ tag: e.currentTarget.value.trim() })} />
        <div className="flex items-end gap-1">
          <div>
            <Label className="block text-xs text-zinc-500" htmlFor="close-from">Closing from</Label>
            <Input id="close-from" type="date" className="w-36" value={f.closeFrom} onChange={(e) => state.update({ closeFrom: e.target.value })} />
          </div>
          <div>
            <Label className="block text-xs text-zinc-500" htmlFor="close-to">to</Label>
            <Input id="close-to" type="date" className="w-36" value={f.closeTo} onChange={(e) => state.update({ closeTo: e.target.value })} />
          </div>
        </div>
        <div className="flex items-end gap-1">
          <Input aria-label="Minimum amount" placeholder="Min" className="w-24" defaultValue={f.amountMin} key={`min-${f.amountMin}`} onBlur={(e) => state.update({ amountMin: e.target.value.trim() })} onKeyDown={(e) => e.key === 'Enter' && state.update({ amountMin: e.currentTarget.value.trim() })} />
          <Input aria-label="Maximum amount" placeholder="Max" className="w-24" defaultValue={f.amountMax} key={`max-${f.amountMax}`} onBlur={(e) => state.update({ amountMax: e.target.value.trim() })} onKeyDown={(e) => e.key === 'Enter' && state.update({ amountMax: e.currentTarget.value.trim() })} />
        </div>
      </div>
    </div>
  );
}
