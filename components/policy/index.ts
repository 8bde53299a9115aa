export { DisclosureBadge, DISCLOSURE_GLYPH } from './DisclosureBadge';
export { TrackerPolicyItem, ruleKey } from './TrackerPolicyItem';
export { PolicyView, type PolicyViewProps } from './PolicyView';
export { groupByPurpose, type PurposeGroup } from '../../policy/policy-model/group';
