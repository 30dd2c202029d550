/**
 * Pipeline stages seen in MEGA's answers, offered when adding a lead: the API has no endpoint
 * that lists them.
 */
import type { Lead, Stage } from '@/utils/api/schemas';

export function createStageBook() {
  const stages = new Map<string, Stage>();
  return {
    note(leads: readonly Lead[]): void {
      // A new lead names its stage by slug: a stage seen without one cannot be offered.
      for (const lead of leads) if (lead.current_stage?.slug) stages.set(lead.current_stage.slug, lead.current_stage);
    },
    /** Every stage seen, by name (by slug for one that came without a name). */
    list(): Stage[] {
      const label = (stage: Stage) => stage.name ?? stage.slug ?? '';
      return [...stages.values()].sort((a, b) => label(a).localeCompare(label(b)));
    },
  };
}

export type StageBook = ReturnType<typeof createStageBook>;
