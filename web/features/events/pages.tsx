// The event record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx).
import { CalendarDays } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { EventDetailPage, EventsPage } from './events-pages';

export const entityPages: EntityPages = { type: 'event', icon: CalendarDays, List: EventsPage, Detail: EventDetailPage };
