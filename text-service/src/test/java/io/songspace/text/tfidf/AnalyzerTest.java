package io.songspace.text.tfidf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analyzer against what Python 3.11 and scikit-learn 1.2.1 give for the same strings. */
class AnalyzerTest {

    private final Analyzer unigramsAndBigrams = new Analyzer(1, 2);

    @Test
    void tokensAreRunsOfTwoOrMoreLettersDigitsOrUnderscores() {
        assertEquals(List.of("live", "at", "brien", "2019", "snake_case"),
                Analyzer.tokenize("— live at o'brien's, 2019! snake_case a"));
    }

    @Test
    void combiningMarksAreNotWordCharacters() {
        // Python's \w has no combining marks: a decomposed é ends the token, the lone "s" is too short
        assertEquals(List.of("cafe"), Analyzer.tokenize("cafe\u0301s"));
        // "İ".lower() is "i" plus U+0307 COMBINING DOT ABOVE, so the capital's "i" is cut off
        assertEquals(List.of("stanbul"), Analyzer.tokenize(Analyzer.lower("İstanbul")));
    }

    @Test
    void supplementaryCharactersAreOneCharacterEach() {
        assertEquals("\uD801\uDC28\uD801\uDC29", Analyzer.lower("\uD801\uDC00\uD801\uDC01"), "Deseret capitals lowercase");
        assertEquals(List.of("\uD835\uDC1A\uD835\uDC1A"), Analyzer.tokenize("\uD835\uDC1A\uD835\uDC1A \uD835\uDC1A"));
    }

    @Test
    void lowercasesAsPythonDoes() {
        assertEquals("strasse straße sueño", Analyzer.lower("STRASSE STRAßE SUEÑO"));
        assertEquals("οδος σα", Analyzer.lower("ΟΔΟΣ ΣΑ"));
        assertEquals("ασς", Analyzer.lower("ΑΣΣ"));
    }

    @Test
    void finalSigmaFollowsUnicodeNotWordBreaks() {
        // what Python's str.lower() gives; Java's toLowerCase(Locale.ROOT) gets the first two wrong
        Map<String, String> python = Map.of(
                "Σ:Σ", "σ:ς",
                "1Ω-Σ", "1ω-σ",
                "ΑΣ'Β", "ασ'β",
                "ΑΣ.Β", "ασ.β",
                "ΑΣ\u0301", "ας\u0301",
                "Α\u0301Σ", "α\u0301ς",
                "Σ", "σ");
        python.forEach((upper, lower) -> assertEquals(lower, Analyzer.lower(upper), upper));
    }

    @Test
    void stopWordsGoBeforeTheBigramsAreFormed() {
        assertEquals(List.of("love", "rain", "love rain"), unigramsAndBigrams.analyze("Love the RAIN"));
        assertEquals(List.of(), unigramsAndBigrams.analyze("and the"));
        assertEquals(List.of("love rain"), new Analyzer(2, 2).analyze("love the rain"));
        assertEquals(Map.of("dream", 3, "dream dream", 2), unigramsAndBigrams.count("dream dream me dream"));
    }

    @Test
    void englishStopWordsAreScikitLearns() {
        assertEquals(318, Analyzer.ENGLISH_STOP_WORDS.size());
        assertTrue(Analyzer.ENGLISH_STOP_WORDS.containsAll(List.of("a", "the", "fire", "yourselves")));
        assertFalse(Analyzer.ENGLISH_STOP_WORDS.contains("love"));
    }
}
