// The words of a text as search and "similar incidents" see them, for every script a room writes in.
//
// Japanese and Chinese do not put spaces between words, so splitting on spaces (or on \p{L}+ runs,
// as before) makes a whole sentence one "word" and only its start can be found: "スロット" inside
// "レプリケーションスロットが枯渇" was never found. A dictionary segmenter (Intl.Segmenter) cuts
// such runs into words, but where it cuts differs with the surrounding text, so a query segmented
// alone need not match the same word segmented inside a sentence. Character bigrams do not depend
// on context: every run of CJK characters becomes its overlapping pairs ("スロ", "ロッ", "ット"),
// the same for the text and for the query, and a query matches when all its pairs are there. The
// run's last character is kept alone as well, so that with prefix search every single character
// is the start of some token (a one-character query such as "库" still finds "主库").
//
// Other scripts (Latin, Cyrillic, Greek, …) are cut into words by Intl.Segmenter, which knows
// apostrophes and joiners, and folded: NFKC (full-width "ＤＢ" is "db"), lower case.

/** Han (Chinese characters, kanji), the two kana, Hangul and the CJK marks that sit inside words. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3006]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const HAS_LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Case- and width-folded text: what both the index and the query see. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A CJK run as overlapping character pairs, plus its last character alone. */
function cjkTokens(run: string, into: string[]): void {
  const characters = Array.from(run);
  if (characters.length === 1) {
    into.push(run);
    return;
  }
  for (let i = 0; i + 1 < characters.length; i++) into.push(characters[i]! + characters[i + 1]!);
  into.push(characters[characters.length - 1]!);
}

function wordTokens(text: string, into: string[]): void {
  for (const segment of wordSegmenter.segment(text)) {
    if (segment.isWordLike && HAS_LETTER_OR_NUMBER.test(segment.segment)) into.push(segment.segment);
  }
}

/**
 * The search tokens of a text, in order (repeats kept): words for space-separated scripts, and
 * character bigrams for Chinese, Japanese and Korean runs.
 */
export function searchTokens(text: string): string[] {
  const folded = foldText(text);
  const tokens: string[] = [];
  if (!HAS_CJK.test(folded)) {
    wordTokens(folded, tokens);
    return tokens;
  }
  let last = 0;
  for (const match of folded.matchAll(CJK_RUN)) {
    const at = match.index ?? 0;
    if (at > last) wordTokens(folded.slice(last, at), tokens);
    cjkTokens(match[0], tokens);
    last = at + match[0].length;
  }
  if (last < folded.length) wordTokens(folded.slice(last), tokens);
  return tokens;
}

/** True for a token made of CJK characters (a bigram or a lone character). */
export function isCjkToken(token: string): boolean {
  return HAS_CJK.test(token);
}
