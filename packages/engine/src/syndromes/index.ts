export {
  classifyComplaint,
  complaintReader,
  makeClassifier,
  makeComplaintReader,
  type ComplaintClassifier,
  type ComplaintReader,
  type ComplaintReading,
} from './classify.js';
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
