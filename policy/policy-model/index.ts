/** The policy model and disclosure mapping (issue #3). Pure engine: runs in Node and in the extension. */
export { POLICY_TEXT, POLICY_SENTENCES, normalizeText, foldWhitespace, canonicalSentences, textVersion, policyVersion } from './text';
export {
  policyModel,
  quoteFor,
  clauseById,
  isVerbatimQuote,
  PolicyModelSchema,
  type PolicyModel,
  type Clause,
  type Purpose,
} from './model';
export {
  vendorPolicyMap,
  mappingFor,
  mappingForCategory,
  annotatePage,
  annotateTracker,
  policyPurposeSummary,
  ruleSessionRecording,
  contradictionText,
  ruleHealthContext,
  rulePersonalDataToThirdParty,
  type DisclosureEvidence,
  type PolicyMapping,
  type PurposeSummary,
} from './disclosure';
export { comparePolicyText, type PolicyComparison } from './compare';
