/**
 * Pipeline stages and lead owners seen in MEGA's answers, per account: stages are offered when
 * adding a lead, owners when the user says who they are in MEGA. The API lists neither.
 */
import type { Lead, Owner, Stage } from '@/utils/api/schemas';

interface Seen {
  stages: Map<string, Stage>;
  owners: Map<string, Owner>;
}

export function createStageBook() {
  const byPartition = new Map<string, Seen>();
  const label = (item: { name?: string | null; slug?: string | null }) => item.name ?? item.slug ?? '';
  const byName = (
    a: { name?: string | null; slug?: string | null },
    b: { name?: string | null; slug?: string | null },
  ) => label(a).localeCompare(label(b));
  return {
    note(partition: string, leads: readonly Lead[]): void {
      let seen = byPartition.get(partition);
      if (!seen) byPartition.set(partition, (seen = { stages: new Map(), owners: new Map() }));
      for (const lead of leads) {
        const stage = lead.current_stage;
        // A new lead names its stage by slug: a stage seen without one cannot be offered.
        if (stage?.slug) seen.stages.set(stage.slug, stage);
        const owner = lead.owner;
        if (owner?.name) seen.owners.set(owner.id ?? owner.name, owner);
      }
    },
    /** Every stage this account's answers held, by name. */
    list(partition: string): Stage[] {
      return [...(byPartition.get(partition)?.stages.values() ?? [])].sort(byName);
    },
    /** Every owner this account's answers named, by name. */
    owners(partition: string): Owner[] {
      return [...(byPartition.get(partition)?.owners.values() ?? [])].sort(byName);
    },
    /** Forgets what was seen under accounts that are gone. */
    keepOnly(partitions: ReadonlySet<string>): void {
      for (const key of byPartition.keys()) if (!partitions.has(key)) byPartition.delete(key);
    },
  };
}

export type StageBook = ReturnType<typeof createStageBook>;
