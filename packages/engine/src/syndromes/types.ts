/**
 * Syndromic classification of free-text chief complaints. The rule set (terms, negation cues, thresholds
 * and the definition of each syndrome over the concepts the terms name) is data: see rules.ts.
 */

/** The syndromes a complaint can be classified into, in the order they are reported. */
export const SYNDROME_IDS = [
  'ili',
  'fever',
  'respiratory',
  'gi',
  'rash',
  'hfmd',
  'neuro',
  'haemorrhagic',
  'jaundice',
  'conjunctivitis',
] as const;
export type SyndromeId = (typeof SYNDROME_IDS)[number];

/**
 * What a term says. Syndromes are defined over concepts rather than over terms so that one term can mean
 * several things (咯血 is respiratory and haemorrhagic) and a syndrome can need several at once (ILI needs
 * a fever and a cough or sore throat; HFMD needs an eruption on the hands and on the feet or mouth).
 */
export const CONCEPT_IDS = [
  'fever',
  'lowFever',
  'highFever',
  'ili',
  'cough',
  'soreThroat',
  'respiratory',
  'diarrhoea',
  'vomiting',
  'gi',
  'rash',
  'vesicle',
  'hfmd',
  'hand',
  'foot',
  'mouth',
  'buttock',
  'neuro',
  'bleeding',
  'jaundice',
  'conjunctivitis',
] as const;
export type ConceptId = (typeof CONCEPT_IDS)[number];

/** A syndrome's definition: a small boolean expression over concepts and the complaint's temperature. */
export type Condition =
  | { readonly concept: ConceptId }
  | { readonly any: readonly Condition[] }
  | { readonly all: readonly Condition[] }
  /** The highest temperature known (given or read from the text) is at least this, in °C. */
  | { readonly temperatureAtLeast: number }
  /** No temperature is known at all. */
  | { readonly noTemperature: true };

/** Terms in both languages that name the same concepts. */
export interface TermGroup {
  readonly concepts: readonly ConceptId[];
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

export interface Phrases {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

export interface SyndromeRules {
  /** Bumped whenever a rule changes, and stored with every classification made by it. */
  readonly version: string;
  readonly terms: readonly TermGroup[];
  readonly negation: {
    /** Cues that negate the terms after them, up to the end of their scope (see classify.ts). */
    readonly before: Phrases;
    /**
     * English cues that take a list: their scope runs on across commas through a list of terms (denies
     * fever, chills, cough). Other English cues do so only when the list is closed by a joiner (no fever,
     * chills or cough); see negation.ts.
     */
    readonly listCues: readonly string[];
    /** Cues written after a single term: 发热(-). */
    readonly after: readonly string[];
    /** Words that end a negation's scope: 但, 伴, but, with. */
    readonly terminators: Phrases;
    /**
     * Phrases that contain a cue or a term but are neither (无明显诱因, 发热门诊, no improvement, 手术): they
     * are consumed whole, so the cue or term inside them is never seen.
     */
    readonly pseudo: Phrases;
  };
  /** Words that join a list (、, 和, or): they keep an English negation going across commas. */
  readonly listJoiners: Phrases;
  /** Words before a temperature value that make a bare number one: 体温39.2, T 39, fever 38.6. */
  readonly temperaturePrefixes: readonly string[];
  /** Temperatures outside this range in °C are misreadings and ignored. */
  readonly plausibleTemperature: { readonly min: number; readonly max: number };
  /** Traditional characters the terms use, as `traditional simplified` pairs in one string. */
  readonly traditionalToSimplified: string;
  readonly syndromes: Readonly<Record<SyndromeId, Condition>>;
}

export interface Classification {
  readonly syndromes: SyndromeId[];
  /** The highest of the given temperature and the temperatures read from the text, in °C. */
  readonly temperature?: number;
  /** Terms found in the text but negated (as normalised: lower case, simplified characters). */
  readonly negated: string[];
  readonly rulesVersion: string;
}
