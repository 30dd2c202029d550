// Shapes of the data the local MEGA server holds and returns. They follow docs/api-contract.md
// ("The Lead"); the server keeps its own copy instead of importing the extension's schemas so that
// a bug in the client's understanding of the contract cannot hide itself by being shared with the
// fake server.

/** What a custom field holds as the API documents it, and all that POST accepts. */
export type CustomFieldValue = string | number | boolean | null;

/** What a stored custom field may hold: real data also has lists and objects (see seed.ts). */
export type StoredCustomFieldValue =
  CustomFieldValue | StoredCustomFieldValue[] | { [key: string]: StoredCustomFieldValue };

export interface Stage {
  id: string;
  slug: string;
  name: string;
  color: string | null;
}

export interface Owner {
  id: string;
  name: string;
  role_name: string | null;
}

export interface Lead {
  id: string;
  customer_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  source_platform: string;
  source_type: string;
  status: string;
  // Optional keys: real data sometimes omits them entirely, not just nulls them.
  score?: number | null;
  qualified?: boolean | null;
  current_stage: Stage | null;
  owner: Owner | null;
  last_interaction_at?: string | null;
  interaction_count: number;
  // Always stored; only sent when the caller asks with include_custom_fields=true.
  custom_fields: Record<string, StoredCustomFieldValue>;
  // An extra field the contract does not list: clients must ignore unknown fields.
  tags?: string[];
  created_at: string;
  updated_at: string;
}

export type SortBy = 'created_at' | 'updated_at' | 'last_interaction_at';
export type SortDir = 'asc' | 'desc';

export type Scope = 'public_api:leads:read' | 'public_api:leads:write' | 'public_api:webhooks:manage';
