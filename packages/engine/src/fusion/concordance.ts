import { sidak, truncatedProduct } from './p-values.js';

/**
 * The concordance (multi-point) rule's arithmetic: for one syndrome family at one place and time, given each
 * channel's smallest p-value among its related series in the place and its neighbours over a window, decide
 * whether enough channels agree and how strong their combined evidence is.
 *
 * A channel's evidence is its smallest p-value corrected (Šidák) for the number of series it was chosen
 * from — its family signals times the places of the zone — because looking at more places and signals finds
 * a small p-value by chance more often. The time window is not corrected for: it lets channels that lag one
 * another (pharmacy sales before visits) line up, and the methods that feed the fusion (ESSENCE's EWMA and
 * regression, Farrington) carry much of one day into the next, so the days are far from independent tests;
 * the baseline test (concordance.test.ts) measures the false-alert rate that results.
 *
 * A zone is a centre and its neighbours, and an outbreak in the centre alone should not pay for every
 * neighbour's tests: when the evidence gives the centre's own smallest p-value and series, the channel's
 * p-value is the better of two looks — the centre's series alone and the whole zone's — each Šidák-corrected
 * for its own tests, and the pair Bonferroni-corrected (× 2). On the simulated baseline of
 * concordance-baseline.test.ts (five districts, one zone) the zone's look alone caught 2 of 23
 * sub-threshold outbreaks at 1.97 false alerts per district and year; the two looks catch 4 at 1.06, and 7 at
 * 2.21 with the default fusedAlpha raised to 0.0025 (packages/server/src/alerts/README.md).
 *
 * The channels' corrected p-values are combined by Zaykin's truncated product (p-values.ts) over every
 * channel of the family that could have contributed, so that a channel without evidence counts against.
 * The rule fires when at least `minChannels` channels agree (corrected p ≤ τ) and the combined p-value is at
 * most `fusedAlpha`: agreement alone is never enough, and one very strong channel alone never is either.
 */

export interface ChannelEvidence {
  readonly channel: string;
  /** The smallest p-value of the channel's related signals in the zone and window; undefined when none. */
  readonly pMin: number | undefined;
  /** Series the smallest was chosen from: the channel's family signals × the zone's places (≥ 1). */
  readonly series: number;
  /** The same for the zone's centre alone: a second look, so that a local outbreak is not diluted. */
  readonly centre?: { readonly pMin: number | undefined; readonly series: number } | undefined;
}

export interface ConcordanceSettings {
  /** Distinct channels that must agree. */
  readonly minChannels: number;
  /** τ: a channel agrees when its corrected p-value is at most this; also the truncation point of the product. */
  readonly channelAlpha: number;
  /** The combined p-value at or below which the rule fires. */
  readonly fusedAlpha: number;
}

export interface ChannelVerdict extends ChannelEvidence {
  /** The Šidák-corrected p-value; undefined without evidence. */
  readonly p: number | undefined;
  readonly agrees: boolean;
}

export interface Concordance {
  readonly channels: readonly ChannelVerdict[];
  /** Channels that agree. */
  readonly agreeing: number;
  /** Zaykin's truncated product over all channels, and its p-value. */
  readonly statistic: number;
  readonly fusedP: number;
  readonly fired: boolean;
}

export function concordance(
  evidence: readonly ChannelEvidence[],
  settings: ConcordanceSettings,
): Concordance {
  const channels = evidence.map((e): ChannelVerdict => {
    const p = channelP(e);
    return { ...e, p, agrees: p !== undefined && p <= settings.channelAlpha };
  });
  const agreeing = channels.filter((c) => c.agrees).length;
  const combined = truncatedProduct(
    channels.flatMap((c) => (c.agrees && c.p !== undefined ? [c.p] : [])),
    channels.length,
    settings.channelAlpha,
  );
  return {
    channels,
    agreeing,
    statistic: combined.statistic,
    fusedP: combined.pvalue,
    fired: agreeing >= settings.minChannels && combined.pvalue <= settings.fusedAlpha,
  };
}

/** A channel's corrected p-value: the zone's look, or the better of the centre's and the zone's (× 2). */
function channelP(e: ChannelEvidence): number | undefined {
  const zone = e.pMin === undefined ? undefined : sidak(e.pMin, Math.max(1, e.series));
  if (!e.centre) return zone;
  const centre = e.centre.pMin === undefined ? undefined : sidak(e.centre.pMin, Math.max(1, e.centre.series));
  const best = Math.min(zone ?? 1, centre ?? 1);
  return zone === undefined && centre === undefined ? undefined : Math.min(1, 2 * best);
}
