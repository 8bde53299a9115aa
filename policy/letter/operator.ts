import { policyModel, quoteFor } from '../policy-model/model';

/**
 * The letter's addressee. Always built from the policy model (issue #4: "The recipient
 * address and the clinic's details come from the policy model, not from strings in the UI"),
 * which quotes them verbatim from the published policy.
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

export function operatorFromPolicy(): Operator {
  const op = policyModel.operator;
  return {
    name: op.name.value,
    addresses: op.addresses.map((a) => a.value),
    phone: op.phone.value,
    email: op.email.value,
    site: policyModel.site,
    stopQuote: quoteFor('rights.stop-processing'),
  };
}
