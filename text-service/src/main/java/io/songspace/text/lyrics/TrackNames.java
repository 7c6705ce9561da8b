package io.songspace.text.lyrics;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Titles and artists as the lookup compares them. Two names match when their {@linkplain #normalize normal forms}
 * are equal, and only then: nothing fuzzy, because a near match is how another song's lyrics get attached.
 */
final class TrackNames {

    /** A bracketed part: "(feat. X)", "[Remix]", "{Live}". */
    private static final Pattern BRACKETED = Pattern.compile("\\s*[(\\[{][^)\\]}]*[)\\]}]");
    /** A trailing " - ..." part naming a version of the same song: " - Remastered 2011", " - Live at X". */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\s+[-–—]\\s+[^-–—]*\\b(?:remaster|remastered"
            + "|live|version|edit|mix|remix|mono|stereo|acoustic|demo|single|deluxe|bonus)\\b[^-–—]*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A trailing "feat. X", "ft. X" or "featuring X" outside brackets; "feat" without a dot may be a word. */
    private static final Pattern FEATURING = Pattern.compile("\\s+(?:feat\\.|ft\\.|featuring\\s).*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Combining marks (the diacritics NFKD splits off) and invisible format characters (zero-width spaces). */
    private static final Pattern MARKS = Pattern.compile("[\\p{M}\\p{Cf}]");
    /** Apostrophes join a word ("Don't" is "dont"); any other punctuation separates words. */
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`ʼ]");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TrackNames() {
    }

    /**
     * The name as it is compared and as the cache key is made of, in this order: Unicode NFKD with the diacritics
     * and format characters removed; lower case; the {@linkplain #withoutDecorations decorations} dropped;
     * "&amp;" as "and"; apostrophes removed; every other run of characters that are neither letters nor digits
     * one space; trimmed. "Adá Marlowe &amp; The Tides" and "Ada Marlowe and the Tides" are both
     * "ada marlowe and the tides". Null is the empty string.
     */
    static String normalize(String name) {
        String folded = MARKS.matcher(Normalizer.normalize(Objects.requireNonNullElse(name, ""),
                Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        String core = withoutDecorations(folded).replace("&", " and ");
        core = APOSTROPHES.matcher(core).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(core).replaceAll(" ").strip();
    }

    /**
     * The name without what marks a version or a guest rather than the song: bracketed parts, then trailing
     * " - ..." parts with a version word (remaster(ed), live, version, edit, mix, remix, mono, stereo, acoustic,
     * demo, single, deluxe, bonus), then a trailing "feat./ft./featuring ...". A name that is nothing but
     * decoration ("(Untitled)") stays whole. Used for comparing and for the search query.
     */
    static String withoutDecorations(String name) {
        String core = BRACKETED.matcher(name).replaceAll("");
        String before;
        do {
            before = core;
            core = VERSION_SUFFIX.matcher(core).replaceFirst("");
        } while (!core.equals(before));
        core = FEATURING.matcher(core).replaceFirst("").strip();
        return core.isEmpty() ? name.strip() : core;
    }
}
