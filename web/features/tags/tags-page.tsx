// Settings → Tags: every tag with its color and how many records carry it. Members create, rename
// (every record follows) and recolor tags; admins delete them (they leave every record).
import { ArrowLeft, Plus, Tags as TagsIcon, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Input } from '../../components/ui/input';
import { Card, Skeleton, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { canEdit, isAdmin, useMe } from '../auth/session';
import { TagChip } from './tag-chips';
import { DEFAULT_TAG_COLOR, useCreateTag, useDeleteTag, useTags, useUpdateTag, type Tag } from './tags.queries';

export function TagsPage() {
  const me = useMe();
  const editable = canEdit(me.role);
  const tags = useTags();
  const create = useCreateTag();
  const [name, setName] = useState('');
  const [color, setColor] = useState(DEFAULT_TAG_COLOR);

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    try {
      await create.mutateAsync({ name: n, color });
      toast.success(`Tag ${n} created`);
      setName('');
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <>
      <Link to="/settings" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
        <ArrowLeft className="size-4" aria-hidden="true" /> Settings
      </Link>
      <PageHeader title="Tags" description="Labels on contacts, companies, deals, leads and projects. Renaming a tag renames it on every record." />
      {editable ? (
        <form onSubmit={onCreate} aria-label="Create a tag" className="mb-6 flex max-w-lg flex-wrap items-center gap-2">
          <Input aria-label="New tag name" placeholder="New tag name" className="w-56 flex-1" value={name} onChange={(e) => setName(e.target.value)} />
          <input type="color" aria-label="New tag color" value={color} onChange={(e) => setColor(e.target.value)} className="h-9 w-12 cursor-pointer rounded-md border border-zinc-300 bg-white p-1" />
          <Button type="submit" disabled={create.isPending || !name.trim()}>
            <Plus aria-hidden="true" /> Create tag
          </Button>
        </form>
      ) : null}
      {tags.isError ? (
        <ErrorState error={tags.error} onRetry={() => tags.refetch()} />
      ) : tags.isPending ? (
        <Skeleton className="h-48 w-full" />
      ) : tags.data.length === 0 ? (
        <Card>
          <EmptyState icon={<TagsIcon aria-hidden="true" />} title="No tags yet" message="Create one here, or type a new tag on any record." />
        </Card>
      ) : (
        <Card>
          <Table aria-label="Tags">
            <thead>
              <tr>
                <Th>Tag</Th>
                <Th>Color</Th>
                <Th className="text-right">Records</Th>
                {isAdmin(me.role) ? <Th><span className="sr-only">Actions</span></Th> : null}
              </tr>
            </thead>
            <tbody>
              {tags.data.map((t) => (
                <TagRow key={t.id} tag={t} editable={editable} admin={isAdmin(me.role)} />
              ))}
            </tbody>
          </Table>
        </Card>
      )}
    </>
  );
}

function TagRow({ tag, editable, admin }: { tag: Tag; editable: boolean; admin: boolean }) {
  const update = useUpdateTag();
  const remove = useDeleteTag();
  const [confirming, setConfirming] = useState(false);
  const save = (body: { name?: string; color?: string }, done: string) =>
    update.mutateAsync({ id: tag.id, body }).then(() => toast.success(done), (err: unknown) => toast.error(errorMessage(err)));

  return (
    <tr>
      <Td>
        {editable ? (
          <Input
            key={tag.name}
            aria-label={`Name of tag ${tag.name}`}
            defaultValue={tag.name}
            className="max-w-xs"
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v && v !== tag.name) void save({ name: v }, `Renamed to ${v}`);
              else e.target.value = tag.name;
            }}
          />
        ) : (
          <TagChip name={tag.name} color={tag.color} />
        )}
      </Td>
      <Td>
        <span className="flex items-center gap-2">
          {editable ? (
            <input
              type="color"
              key={tag.color}
              aria-label={`Color of tag ${tag.name}`}
              defaultValue={tag.color}
              onBlur={(e) => e.target.value !== tag.color && void save({ color: e.target.value }, `${tag.name} recolored`)}
              className="h-8 w-10 cursor-pointer rounded border border-zinc-300 bg-white p-0.5"
            />
          ) : null}
          <TagChip name={tag.name} color={tag.color} />
        </span>
      </Td>
      <Td className="text-right tabular-nums text-zinc-600">{tag.count.toLocaleString()}</Td>
      {admin ? (
        <Td className="text-right">
          <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setConfirming(true)} aria-label={`Delete tag ${tag.name}`}>
            <Trash2 aria-hidden="true" /> Delete
          </Button>
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            title={`Delete tag ${tag.name}?`}
            description={`It is removed from the ${tag.count.toLocaleString()} record${tag.count === 1 ? '' : 's'} that carry it. The records stay.`}
            confirmLabel="Delete tag"
            pending={remove.isPending}
            onConfirm={() =>
              remove.mutateAsync(tag.id).then(
                () => {
                  toast.success(`Tag ${tag.name} deleted`);
                  setConfirming(false);
                },
                (err: unknown) => toast.error(errorMessage(err)),
              )
            }
          />
        </Td>
      ) : null}
    </tr>
  );
}
