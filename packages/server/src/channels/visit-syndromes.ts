/**
 * Chief complaint → syndromes. A stand-in with the signature of the engine's classifier
 * (`packages/engine/src/syndromes`, being written beside this), to be replaced by it.
 */
export interface Classification {
  readonly syndromes: readonly string[];
  readonly temperature?: number;
}

export function classifyComplaint(text: string, temperature?: number): Classification {
  const syndromes: string[] = [];
  const fever = (temperature !== undefined && temperature >= 37.3) || /发热|发烧|fever/i.test(text);
  const respiratory = /咳|咽痛|cough|sore throat/i.test(text);
  if (fever) syndromes.push('fever');
  if (respiratory) syndromes.push('respiratory');
  if (fever && respiratory) syndromes.push('ili');
  if (/腹泻|diarrh/i.test(text)) syndromes.push('gi');
  return temperature === undefined ? { syndromes } : { syndromes, temperature };
}
