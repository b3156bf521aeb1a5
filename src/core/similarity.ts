// "Similar past incidents": which stored incidents share affected services and significant words
// (title, summary, impact, timeline) with the one open in the war room.
import type { IncidentDigest } from './incidentDigest';
import { isCjkToken, searchTokens } from './search/tokens';

/**
 * Words that say nothing about what broke: common English, and the vocabulary Sitrep itself
 * writes into every timeline ("Incident declared", "joined", "Milestone: resolved", ...), which
 * would otherwise make every incident look like every other.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // English
  (
    'a about above after again against all also am an and any are around as at back be because been before being below between both but by can cannot could did do does doing done down during each either else even ever every few for from further get got had has have having he her here hers him his how however if in into is it its itself just least less like made make many may me might more most much must my no nor not now of off on once one only or other our ours out over own per same she should since so some still such than that the their theirs them then there these they this those though through to too under until up upon us very via was we were what when where whether which while who whom whose why will with within without would yet you your yours ' +
    // Time and quantity words that every timeline is full of
    'today yesterday tomorrow minute minutes hour hours second seconds day days week now then first last next new old utc ' +
    // What Sitrep writes into the timeline by itself, and the words of the incident process
    'incident incidents declared declare joined join left resting active status milestone milestones started detected acknowledged mitigated resolved closed ' +
    'custom task tasks todo doing blocked assigned assignee hypothesis hypotheses proposed open investigating confirmed ruled owns owner evidence check checks checking ' +
    'result results supports refutes inconclusive pending change changes applied rolled rollback roll follow followup priority note notes fact facts decision decisions ' +
    'action actions event events role roles commander command handed handover deputy technical lead communications scribe subject matter expert experts liaison ' +
    'sev1 sev2 sev3 sev4 severity phase identified mitigating monitoring update updates updated summary impact known'
  )
    .split(/\s+/)
    .filter((word) => word !== ''),
);

/** "Errors" and "error" are the same clue; only a plain English plural is folded. */
function fold(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

const NUMBER_ONLY = /^\p{N}+$/u;

/**
 * The distinct significant words of a text, as library search tokens them (so Japanese and
 * Chinese count by character pairs): not a number, not a stop word, not a word of `names`
 * (people's names say who was there, not what broke), and, outside CJK, 3+ characters.
 */
export function significantWords(text: string, names: Iterable<string> = []): Set<string> {
  const ignored = new Set<string>();
  for (const name of names) for (const token of searchTokens(name)) ignored.add(token);
  const words = new Set<string>();
  for (const word of searchTokens(text)) {
    if (NUMBER_ONLY.test(word) || STOP_WORDS.has(word) || ignored.has(word)) continue;
    if (!isCjkToken(word) && word.length < 3) continue;
    const folded = fold(word);
    if (!STOP_WORDS.has(folded)) words.add(folded);
  }
  return words;
}

function wordsOf(digest: IncidentDigest): Set<string> {
  return significantWords([digest.title, digest.summary, digest.impact, digest.timeline].join('\n'), digest.people);
}

function servicesOf(digest: IncidentDigest): Set<string> {
  return new Set(digest.services.map((service) => service.trim().toLowerCase()).filter((s) => s !== ''));
}

export interface SimilarIncident {
  readonly id: string;
  readonly score: number;
  /** Affected services both incidents list, as the other incident spells them. */
  readonly sharedServices: readonly string[];
  /** The most telling shared words, rarest first (at most MAX_REASON_WORDS). */
  readonly sharedWords: readonly string[];
}

export interface SimilarityOptions {
  /** How many to return at most (default 5). */
  readonly limit?: number;
  /** Lowest score worth showing (default 3: one shared service, or a few rare shared words). */
  readonly minScore?: number;
}

/** A shared service weighs about as much as two words that only these two incidents use. */
export const SERVICE_WEIGHT = 3;
export const MAX_REASON_WORDS = 5;

/**
 * Ranks `candidates` by similarity to `target`. Each shared service adds SERVICE_WEIGHT; each
 * shared word adds its inverse document frequency across all the incidents given, so a word
 * every incident uses ("checkout" in a shop) counts less than one only these two share.
 * Ties go to the candidate listed first. The target itself (same id) is never returned.
 */
export function findSimilarIncidents(
  target: IncidentDigest,
  candidates: readonly IncidentDigest[],
  options: SimilarityOptions = {},
): SimilarIncident[] {
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 3;
  const others = candidates.filter((candidate) => candidate.id !== target.id);
  const targetWords = wordsOf(target);
  const targetServices = servicesOf(target);
  const otherWords = others.map(wordsOf);

  const documentFrequency = new Map<string, number>();
  for (const words of [targetWords, ...otherWords]) {
    for (const word of words) if (targetWords.has(word)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const total = others.length + 1;
  const weight = (word: string): number => Math.log(1 + total / (documentFrequency.get(word) ?? total));

  const ranked: SimilarIncident[] = [];
  others.forEach((candidate, index) => {
    const sharedServices = candidate.services.filter((service) => targetServices.has(service.trim().toLowerCase()));
    const shared = [...otherWords[index]!].filter((word) => targetWords.has(word));
    shared.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
    const score = sharedServices.length * SERVICE_WEIGHT + shared.reduce((sum, word) => sum + weight(word), 0);
    if (score < minScore) return;
    ranked.push({
      id: candidate.id,
      score: Math.round(score * 100) / 100,
      sharedServices: Object.freeze(sharedServices),
      sharedWords: Object.freeze(shared.slice(0, MAX_REASON_WORDS)),
    });
  });
  // Array.prototype.sort is stable, so equal scores keep the candidates' order.
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}
