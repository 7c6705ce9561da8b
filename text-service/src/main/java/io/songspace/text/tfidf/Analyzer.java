package io.songspace.text.tfidf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * scikit-learn's word analyzer: Python's {@code str.lower()}, the token pattern {@code (?u)\b\w\w+\b}, English stop
 * words dropped, then n-grams. Matches Python character for character for every code point that Python's Unicode
 * database (14.0 in Python 3.11) knows; characters assigned since are classified by Java's newer one.
 */
final class Analyzer {

    /** scikit-learn's {@code ENGLISH_STOP_WORDS}, from the resource beside this class. */
    static final Set<String> ENGLISH_STOP_WORDS = loadStopWords();

    /*
     * Python's \w is exactly [\p{L}\p{N}_] (str.isalnum() or '_'); Java's UNICODE_CHARACTER_CLASS \w would also take
     * combining marks, so "cafe\u0301" would stay one token where Python cuts it at the accent. The pattern's \b on
     * both sides means whole runs of word characters: a maximal run of two or more is one token.
     */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]{2,}");

    /*
     * Case_Ignorable characters that are neither marks, format characters nor modifiers: Word_Break MidLetter,
     * MidNumLet and Single_Quote. Java has no API for Word_Break.
     */
    private static final String MID_LETTER_OR_QUOTE =
            ":\u00B7\u0387\u055F\u05F4\u2027\uFE13\uFE55\uFF1A.\u2018\u2019\u2024\uFE52\uFF07\uFF0E'";

    private static final char CAPITAL_SIGMA = '\u03A3';

    private final int minN;
    private final int maxN;

    Analyzer(int minN, int maxN) {
        this.minN = minN;
        this.maxN = maxN;
    }

    /** How often each n-gram occurs in the document. */
    Map<String, Integer> count(String document) {
        Map<String, Integer> counts = new HashMap<>();
        for (String term : analyze(document)) {
            counts.merge(term, 1, Integer::sum);
        }
        return counts;
    }

    /** The document's n-grams, shortest first, each in document order. */
    List<String> analyze(String document) {
        // stop words go before the n-grams are formed: "love the rain" gives the bigram "love rain"
        List<String> tokens = tokenize(lower(document)).stream().filter(t -> !ENGLISH_STOP_WORDS.contains(t)).toList();
        List<String> terms = new ArrayList<>();
        for (int n = minN; n <= Math.min(maxN, tokens.size()); n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                terms.add(String.join(" ", tokens.subList(i, i + n)));
            }
        }
        return terms;
    }

    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /**
     * Python's {@code str.lower()}. Java's root-locale lowercasing has the same full mappings (U+0130 becomes "i"
     * and a combining dot) but decides final sigma by word breaks, where Python follows Unicode's Final_Sigma rule.
     */
    static String lower(String text) {
        int sigma = text.indexOf(CAPITAL_SIGMA);
        if (sigma < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (; sigma >= 0; sigma = text.indexOf(CAPITAL_SIGMA, from)) {
            out.append(text.substring(from, sigma).toLowerCase(Locale.ROOT));
            out.append(isFinalSigma(text, sigma) ? '\u03C2' : '\u03C3');
            from = sigma + 1;
        }
        return out.append(text.substring(from).toLowerCase(Locale.ROOT)).toString();
    }

    /** Final_Sigma: a cased letter before, and none after, case-ignorable characters skipped. */
    private static boolean isFinalSigma(String text, int index) {
        int before = index;
        int c = 0;
        while (before > 0) {
            c = text.codePointBefore(before);
            before -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                break;
            }
        }
        if (index == 0 || isCaseIgnorable(c) || !isCased(c)) {
            return false;
        }
        for (int after = index + 1; after < text.length(); after += Character.charCount(c)) {
            c = text.codePointAt(after);
            if (!isCaseIgnorable(c)) {
                return !isCased(c);
            }
        }
        return true;
    }

    private static boolean isCased(int c) {
        // Java's isLowerCase/isUpperCase include Other_Lowercase/Other_Uppercase, as Unicode's Cased does
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    private static boolean isCaseIgnorable(int c) {
        return switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                 Character.MODIFIER_SYMBOL -> true;
            default -> MID_LETTER_OR_QUOTE.indexOf(c) >= 0;
        };
    }

    private static Set<String> loadStopWords() {
        try (InputStream in = Analyzer.class.getResourceAsStream("english-stop-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("english-stop-words.txt missing beside " + Analyzer.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
