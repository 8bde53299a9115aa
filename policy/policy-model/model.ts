/**
 * The structured model of the clinic's privacy policy (issue #3): clauses with stable ids and
 * verbatim quotes, the purposes it states, the data it says it collects, and the operator's
 * details. Every quote is an exact substring of POLICY_TEXT after whitespace folding
 * (tests/unit/policy-model.test.ts), never a paraphrase: the UI and the letter show them as
 * quotations. Typography (« », –, −) is kept as published.
 */
import { z } from 'zod';
import { rawModel } from './model-data';
import { foldWhitespace, POLICY_TEXT } from './text';

const TextSchema = z.object({ ru: z.string().min(1), en: z.string().min(1) });
const ClauseIdSchema = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/);

export const ClauseSchema = z.object({
  id: ClauseIdSchema,
  /** Heading of the policy section the clause sits in, as published. */
  section: z.string().min(1),
  title: TextSchema,
  /** Verbatim quotes (whitespace-folded), first one is the representative quote. */
  quotes: z.array(z.string().min(1)).min(1),
});
export type Clause = z.infer<typeof ClauseSchema>;

export const PurposeSchema = z.object({
  /** Purpose ids are clause ids: the clause that states the purpose. */
  id: ClauseIdSchema,
  label: TextSchema,
  clauses: z.array(ClauseIdSchema).min(1),
});
export type Purpose = z.infer<typeof PurposeSchema>;

export const DataItemSchema = z.object({
  id: z.string().min(1),
  label: TextSchema,
  /** The words the policy uses, verbatim. */
  quote: z.string().min(1),
  clauses: z.array(ClauseIdSchema).min(1),
  /** Whether the policy itself calls this data personal. */
  personalPerPolicy: z.boolean(),
});
export type DataItem = z.infer<typeof DataItemSchema>;

const QuotedValueSchema = z.object({ value: z.string().min(1), quote: z.string().min(1), clause: ClauseIdSchema });

export const PolicyModelSchema = z
  .object({
    site: z.string(),
    title: z.string(),
    clauses: z.array(ClauseSchema).min(1),
    purposes: z.array(PurposeSchema).min(1),
    dataCollected: z.array(DataItemSchema),
    operator: z.object({
      name: QuotedValueSchema,
      addresses: z.array(QuotedValueSchema).min(1),
      phone: QuotedValueSchema,
      email: QuotedValueSchema,
    }),
  })
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    for (const c of m.clauses) {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate clause id ${c.id}` });
      ids.add(c.id);
    }
    const refs = [
      ...m.purposes.flatMap((p) => [p.id, ...p.clauses]),
      ...m.dataCollected.flatMap((d) => d.clauses),
      m.operator.name.clause,
      m.operator.phone.clause,
      m.operator.email.clause,
      ...m.operator.addresses.map((a) => a.clause),
    ];
    for (const r of refs) if (!ids.has(r)) ctx.addIssue({ code: 'custom', message: `unknown clause id ${r}` });
    for (const v of [m.operator.name, m.operator.phone, m.operator.email, ...m.operator.addresses]) {
      if (!v.quote.includes(v.value)) ctx.addIssue({ code: 'custom', message: `value "${v.value}" is not in its quote` });
    }
  });
export type PolicyModel = z.infer<typeof PolicyModelSchema>;

/** The policy model, validated at load (a broken model fails the build and the tests). */
export const policyModel: PolicyModel = PolicyModelSchema.parse(rawModel);

const clauseIndex = new Map(policyModel.clauses.map((c) => [c.id, c]));

/** The clause with this id, or undefined. */
export function clauseById(id: string): Clause | undefined {
  return clauseIndex.get(id);
}

/** The representative verbatim quote of a clause. Throws on an unknown id (a programming error). */
export function quoteFor(clauseId: string): string {
  const c = clauseIndex.get(clauseId);
  if (!c) throw new Error(`unknown policy clause: ${clauseId}`);
  return c.quotes[0];
}

/** Whether a string occurs verbatim (whitespace-folded) in the bundled policy. */
export function isVerbatimQuote(quote: string): boolean {
  return foldWhitespace(POLICY_TEXT).includes(foldWhitespace(quote));
}
