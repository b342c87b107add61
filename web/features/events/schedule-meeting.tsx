// A record page's "Schedule meeting": the event dialog about that record (relatedType/relatedId),
// with the contact invited when the record is a contact; it starts at the next full hour.
import { CalendarPlus } from 'lucide-react';
import { useState } from 'react';
import type { RelatedType } from '../../../contracts/entities';
import { Button } from '../../components/ui/button';
import { EventFormDialog, type EventDraft } from './event-form';

export function nextHourDraft(extra: EventDraft = {}): EventDraft {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), ...extra };
}

interface Props {
  related: { type: RelatedType; id: string };
  /** Invited from the start (a contact page's contact). */
  attendee?: { type: 'contact' | 'member'; id: string; name: string };
  /** The meeting's suggested title ("Meeting with Ada Lovelace"). */
  title?: string;
}

export function ScheduleMeetingButton({ related, attendee, title }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <CalendarPlus aria-hidden="true" /> Schedule meeting
      </Button>
      <EventFormDialog
        open={open}
        onOpenChange={setOpen}
        title="Schedule meeting"
        related={related}
        draft={nextHourDraft({ attendees: attendee ? [attendee] : [], title })}
      />
    </>
  );
}
