export { DisclosureBadge, DISCLOSURE_GLYPH } from './DisclosureBadge';
export { TrackerPolicyItem, ruleKey } from './TrackerPolicyItem';
export { PolicyView, type PolicyViewProps } from './PolicyView';
export { PurposeSummaryList, UnusedPurposes, type PurposeSummaryData } from './PurposeSummaryList';
export { groupByPurpose, type PurposeGroup } from '../../policy/policy-model/group';
