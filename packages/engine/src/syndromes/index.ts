export { classifyComplaint, makeClassifier, type ComplaintClassifier } from './classify.js';
export { SYNDROME_RULES } from './rules.js';
export {
  CONCEPT_IDS,
  SYNDROME_IDS,
  type Classification,
  type ConceptId,
  type Condition,
  type SyndromeId,
  type SyndromeRules,
  type TermGroup,
} from './types.js';
