// Assistant and MCP tools for the calendar beside the five generic event tools (list/get/create/
// update/delete_event, delete needing approval): what is on in a range with series expanded, and one
// occurrence changed or cancelled (cancelling needs approval, like a delete).
import { z } from 'zod';
import { EventUpdateSchema, RANGE_MAX_DAYS } from '../../../contracts/events';
import type { ToolSpec } from '../../assistant/tools';
import { eventService } from './events.service';
import { cancelOccurrence, editOccurrence, eventsInRange, parseRange } from './occurrences';

const occurrenceInput = z.object({
  id: z.uuid().describe('Id of the recurring event (the seriesId of the occurrence)'),
  occurrence: z.iso.datetime({ offset: true }).describe('The occurrenceStart of the occurrence, as list_calendar_events gives it'),
});

export function eventTools(): ToolSpec[] {
  return [
    {
      name: 'list_calendar_events',
      description: `Events in a time range with repeating events expanded into their occurrences (each with seriesId and occurrenceStart), by start. At most ${RANGE_MAX_DAYS} days.`,
      input: z.object({
        from: z.string().describe('Range start, ISO date or date-time'),
        to: z.string().describe('Range end (exclusive), ISO date or date-time'),
        mine: z.boolean().optional().describe("Only the user's own events"),
      }),
      role: 'viewer',
      destructive: false,
      execute: async (ctx, i) => {
        const data = await eventsInRange(ctx, parseRange(i as { from: string; to: string }), i.mine ? { view: 'mine' } : {});
        return { total: data.length, events: data.slice(0, 100) };
      },
    },
    {
      name: 'update_event_occurrence',
      description: 'Change one occurrence of a repeating event (e.g. move this week\'s meeting) without changing the rest of the series.',
      input: occurrenceInput.extend(EventUpdateSchema.omit({ recurrence: true }).shape),
      role: 'member',
      destructive: false,
      execute: async (ctx, { id, occurrence, ...patch }) => (await editOccurrence(ctx, id as string, occurrence as string, patch)).row,
    },
    {
      name: 'cancel_event_occurrence',
      description: 'Cancel one occurrence of a repeating event; the rest of the series stays. Needs the user\'s approval.',
      input: occurrenceInput,
      role: 'member',
      destructive: true,
      execute: async (ctx, i) => {
        await cancelOccurrence(ctx, i.id as string, i.occurrence as string);
        return { cancelled: true, id: i.id, occurrence: i.occurrence };
      },
      describeCall: async (ctx, i) => {
        const row = await eventService.get(ctx, i.id as string).catch(() => null);
        return `Cancel the ${String(i.occurrence)} occurrence of ${row ? `"${String(row.title)}"` : `event ${String(i.id)}`}`;
      },
    },
  ];
}
