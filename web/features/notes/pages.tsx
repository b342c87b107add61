// The note record type's web pages and sidebar icon, found by web/entity-pages.tsx (every
// features/*/pages.tsx). Notes have no list page; the record page is a redirect to the record the note is on.
import { StickyNote } from 'lucide-react';
import type { EntityPages } from '../../entity-pages';
import { NoteRedirect } from '../palette/record-redirect';

export const entityPages: EntityPages = { type: 'note', icon: StickyNote, Detail: NoteRedirect };
