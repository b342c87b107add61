// The pipeline board: one column per stage, deals dragged between and within columns with dnd-kit
// (pointer and keyboard). A drop moves the deal on screen at once (TanStack Query cache), then
// POST /deals/{id}/move; an error rolls the board back. A drop into a lost stage asks for the reason.
import {
  closestCorners, DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, useSensor, useSensors,
  type Announcements, type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { Member } from '../../../contracts/members';
import type { Deal, Pipeline } from '../../../contracts/sales';
import { errorMessage } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { DealCardBody } from './deal-card';
import { DealColumn } from './deal-column';
import { boardKey, movedBoard, useMoveDeal, type BoardQuery } from './deals.queries';
import { LostReasonDialog } from './lost-reason-dialog';

type Columns = Record<string, string[]>;

function group(pipeline: Pipeline, deals: Deal[]): Columns {
  const cols: Columns = Object.fromEntries(pipeline.stages.map((s) => [s.id, [] as string[]]));
  for (const d of deals) cols[d.stageId]?.push(d.id);
  return cols;
}

function containerOf(cols: Columns, id: string): string | undefined {
  if (id in cols) return id;
  return Object.keys(cols).find((k) => cols[k]?.includes(id));
}

interface PendingLost {
  dealId: string;
  stageId: string;
  position: number;
}

export function DealBoard({ pipeline, deals, query, members, editable }: { pipeline: Pipeline; deals: Deal[]; query: BoardQuery; members: Member[]; editable: boolean }) {
  const move = useMoveDeal();
  // While a card is dragged (or waits for its lost reason) the columns are local; otherwise they
  // come straight from the query cache.
  const [dragCols, setDragCols] = useState<Columns | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [pendingLost, setPendingLost] = useState<PendingLost | null>(null);
  const cols = useMemo(() => dragCols ?? group(pipeline, deals), [dragCols, pipeline, deals]);
  const byId = useMemo(() => new Map(deals.map((d) => [d.id, d])), [deals]);
  const stageById = useMemo(() => new Map(pipeline.stages.map((s) => [s.id, s])), [pipeline]);
  // Columns are as tall as the viewport, so "closest corners" would pick the card's old place over
  // the top of an empty column: what is under the pointer wins (a card before its column), and
  // only without a pointer (keyboard) do the corners decide.
  const collision = useMemo<CollisionDetection>(
    () => (args) => {
      const under = pointerWithin(args);
      if (under.length === 0) return closestCorners(args);
      const cards = under.filter((c) => !stageById.has(String(c.id)));
      return cards.length ? cards : under;
    },
    [stageById],
  );
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  function commit(dealId: string, stageId: string, position: number, reason?: string) {
    const stage = stageById.get(stageId);
    if (!stage) return;
    const key = boardKey(query);
    const snapshot = queryClient.getQueryData<Deal[]>(key);
    if (snapshot) queryClient.setQueryData(key, movedBoard(snapshot, dealId, stage, position, reason));
    setDragCols(null);
    move.mutate(
      { id: dealId, stageId, position, reason, snapshot, key },
      { onError: (e) => toast.error(`Could not move ${byId.get(dealId)?.name ?? 'the deal'}: ${errorMessage(e)}`) },
    );
  }

  function onDragStart(e: DragStartEvent) {
    setActiveId(String(e.active.id));
    setDragCols(group(pipeline, deals));
  }

  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) return;
    setDragCols((prev) => {
      const c = prev ?? group(pipeline, deals);
      const from = containerOf(c, String(active.id));
      const to = containerOf(c, String(over.id));
      if (!from || !to || from === to) return prev;
      const target = c[to] ?? [];
      const overIndex = target.indexOf(String(over.id));
      const at = overIndex >= 0 ? overIndex : target.length;
      return {
        ...c,
        [from]: (c[from] ?? []).filter((id) => id !== active.id),
        [to]: [...target.slice(0, at), String(active.id), ...target.slice(at)],
      };
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    const id = String(active.id);
    const deal = byId.get(id);
    const c = dragCols;
    const to = c && over ? containerOf(c, String(over.id)) : undefined;
    if (!deal || !c || !to) return setDragCols(null);
    let column = c[to] ?? [];
    const overIndex = column.indexOf(String(over?.id));
    const activeIndex = column.indexOf(id);
    if (overIndex >= 0 && activeIndex >= 0 && overIndex !== activeIndex) column = arrayMove(column, activeIndex, overIndex);
    const position = column.indexOf(id);
    const original = group(pipeline, deals)[deal.stageId]?.indexOf(id);
    if (to === deal.stageId && position === original) return setDragCols(null);
    if (stageById.get(to)?.kind === 'lost' && to !== deal.stageId) {
      setDragCols({ ...c, [to]: column });
      // After dnd-kit hands focus back to a keyboard-dragged card (next frame), or the dialog would
      // see that focus leave it and close at once.
      requestAnimationFrame(() => requestAnimationFrame(() => setPendingLost({ dealId: id, stageId: to, position })));
      return;
    }
    commit(id, to, position);
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${byId.get(String(active.id))?.name ?? 'deal'}.`,
    onDragOver: ({ active, over }) => (over ? `${byId.get(String(active.id))?.name ?? 'Deal'} is over ${stageById.get(containerOf(cols, String(over.id)) ?? '')?.name ?? 'a column'}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `${byId.get(String(active.id))?.name ?? 'Deal'} dropped in ${stageById.get(containerOf(cols, String(over.id)) ?? '')?.name ?? 'a column'}.` : 'Move cancelled.'),
    onDragCancel: () => 'Move cancelled.',
  };

  const active = activeId ? byId.get(activeId) : undefined;
  const lostDeal = pendingLost ? byId.get(pendingLost.dealId) : undefined;
  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          setDragCols(null);
        }}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: 'To move a deal, press Space. Use the arrow keys to move it within and across stages, Space again to drop, Escape to cancel.' },
        }}
      >
        {/* The board scrolls sideways inside itself (never the page: contain keeps its width out of
            the layout) and keeps to the viewport's height, each column scrolling on its own. */}
        <div className="flex h-[calc(100dvh-11rem)] min-h-80 w-full gap-3 overflow-x-auto overscroll-x-contain pb-3 [contain:inline-size]" role="region" aria-label={`${pipeline.name} board`} tabIndex={0}>
          {pipeline.stages.map((s) => (
            <DealColumn key={s.id} stage={s} deals={(cols[s.id] ?? []).flatMap((id) => byId.get(id) ?? [])} members={members} editable={editable} />
          ))}
        </div>
        <DragOverlay>{active ? <DealCardBody deal={active} stage={stageById.get(active.stageId)} members={members} editable={false} overlay /> : null}</DragOverlay>
      </DndContext>
      <LostReasonDialog
        open={Boolean(pendingLost)}
        dealName={lostDeal?.name ?? 'this deal'}
        stageName={pendingLost ? (stageById.get(pendingLost.stageId)?.name ?? 'Lost') : 'Lost'}
        onCancel={() => {
          setPendingLost(null);
          setDragCols(null);
        }}
        onConfirm={(reason) => {
          if (pendingLost) commit(pendingLost.dealId, pendingLost.stageId, pendingLost.position, reason);
          setPendingLost(null);
        }}
      />
    </>
  );
}
