// The reminder record type's web pages and sidebar icon, found by web/entity-pages.tsx.
import { BellRing } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { ReminderDetailPage, RemindersPage } from './reminders-pages';

export const entityPages: EntityPages = { type: 'reminder', icon: BellRing, List: RemindersPage, Detail: ReminderDetailPage };
