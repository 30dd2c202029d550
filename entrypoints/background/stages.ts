/**
 * Pipeline stages seen in MEGA's answers, offered when adding a lead: the API has no endpoint
 * that lists them.
 */
import type { Lead, Stage } from '@/utils/api/schemas';

export function createStageBook() {
  const stages = new Map<string, Stage>();
  return {
    note(leads: readonly Lead[]): void {
      for (const lead of leads) if (lead.current_stage) stages.set(lead.current_stage.slug, lead.current_stage);
    },
    /** Every stage seen, by name. */
    list(): Stage[] {
      return [...stages.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export type StageBook = ReturnType<typeof createStageBook>;
