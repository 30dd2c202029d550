/**
 * Pipeline stages seen in MEGA's answers, per account, offered when adding a lead: the API has no
 * endpoint that lists them.
 */
import type { Lead, Stage } from '@/utils/api/schemas';

export function createStageBook() {
  const byPartition = new Map<string, Map<string, Stage>>();
  return {
    note(partition: string, leads: readonly Lead[]): void {
      let stages = byPartition.get(partition);
      if (!stages) byPartition.set(partition, (stages = new Map()));
      for (const lead of leads) if (lead.current_stage) stages.set(lead.current_stage.slug, lead.current_stage);
    },
    /** Every stage this account's answers held, by name. */
    list(partition: string): Stage[] {
      return [...(byPartition.get(partition)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    },
    /** Forgets the stages of accounts that are gone. */
    keepOnly(partitions: ReadonlySet<string>): void {
      for (const key of byPartition.keys()) if (!partitions.has(key)) byPartition.delete(key);
    },
  };
}

export type StageBook = ReturnType<typeof createStageBook>;
