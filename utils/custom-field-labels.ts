/**
 * The custom-field label map as it comes from outside: the options page and the managed policy
 * key `customFieldLabels`. A map with one bad entry keeps its good ones.
 */
import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, type CustomFieldLabels } from './custom-fields';

export const customFieldLabelSchema = z.object({
  label: z.string().trim().min(1),
  type: z.enum(CUSTOM_FIELD_TYPES).optional(),
  /** ISO 4217, for `currency`: "USD", "eur". Without one a currency field shows a plain number. */
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/)
    .transform((code) => code.toUpperCase())
    .optional(),
});

/** The valid entries of a label map from outside (a policy, stored settings); others are left out. */
export function readCustomFieldLabels(input: unknown): CustomFieldLabels {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const labels: CustomFieldLabels = {};
  for (const [slug, entry] of Object.entries(input)) {
    const parsed = customFieldLabelSchema.safeParse(entry);
    if (slug !== '' && parsed.success) labels[slug] = parsed.data;
  }
  return labels;
}
