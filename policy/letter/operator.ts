import { rawModel } from '../policy-model/model-data';

/**
 * The letter's addressee. Always built from the policy model (issue #4: "The recipient
 * address and the clinic's details come from the policy model, not from strings in the UI"),
 * which quotes them verbatim from the published policy. Read from the model's data
 * (model-data.ts), not through model.ts, whose zod schema request.html does not load
 * (issue #14); model.ts validates the same object and the tests check every quote.
 */
export interface Operator {
  /** As the policy names the operator, e.g. «сети Клиник «Промедика»» (genitive, as published). */
  name: string;
  addresses: string[];
  phone: string;
  email: string;
  /** The site the policy belongs to. */
  site?: string;
  /** The policy's own sentence on the right to demand a stop, verbatim. */
  stopQuote?: string;
}

/** The representative verbatim quote of a policy clause. Throws on an unknown id (a programming error). */
export function policyQuote(clauseId: string): string {
  const c = rawModel.clauses.find((x) => x.id === clauseId);
  if (!c) throw new Error(`unknown policy clause: ${clauseId}`);
  return c.quotes[0];
}

export function operatorFromPolicy(): Operator {
  const op = rawModel.operator;
  return {
    name: op.name.value,
    addresses: op.addresses.map((a) => a.value),
    phone: op.phone.value,
    email: op.email.value,
    site: rawModel.site,
    stopQuote: policyQuote('rights.stop-processing'),
  };
}
