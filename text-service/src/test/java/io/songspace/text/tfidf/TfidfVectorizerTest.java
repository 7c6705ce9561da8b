package io.songspace.text.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small corpora worked by hand; each expectation is also what scikit-learn 1.2.1 gives. */
class TfidfVectorizerTest {

    private static final double EXACT = 1e-15;
    private static final List<String> FRUIT = List.of("apple banana", "apple cherry", "apple");
    private static final TfidfOptions UNIGRAMS = new TfidfOptions(384, 1, 1.0, 1, 1);
    private static final List<String> NATO = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
            "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra",
            "tango");

    @Test
    void defaultsAreTheStudys() {
        assertEquals(new TfidfOptions(384, 2, 1.0, 1, 2), TfidfOptions.defaults());
    }

    @Test
    void idfIsSmoothedLogPlusOne() {
        TfidfVectorizer v = TfidfVectorizer.fit(FRUIT, UNIGRAMS);
        assertEquals(List.of("apple", "banana", "cherry"), v.vocabulary());
        // n = 3: apple in all three, ln(4/4) + 1; banana and cherry in one, ln(4/2) + 1
        assertArrayEquals(new double[] {1, 1 + Math.log(2), 1 + Math.log(2)}, v.idf(), EXACT);
    }

    @Test
    void rowsAreTfIdfScaledToUnitLength() {
        double[][] x = TfidfVectorizer.fitTransform(FRUIT, UNIGRAMS).matrix();
        double banana = 1 + Math.log(2);
        double norm = Math.sqrt(1 + banana * banana);
        assertArrayEquals(new double[] {1 / norm, banana / norm, 0}, x[0], EXACT);
        assertArrayEquals(new double[] {1 / norm, 0, banana / norm}, x[1], EXACT);
        assertArrayEquals(new double[] {1, 0, 0}, x[2], EXACT);
    }

    @Test
    void termCountsWeighTheRow() {
        double[][] x = TfidfVectorizer.fitTransform(List.of("rain rain rain sun", "sun"), UNIGRAMS).matrix();
        double rain = 3 * (1 + Math.log(3.0 / 2));
        double norm = Math.hypot(rain, 1);
        assertArrayEquals(new double[] {rain / norm, 1 / norm}, x[0], EXACT);
    }

    @Test
    void fitTransformEqualsFitThenTransform() {
        List<String> songs = List.of("love the rain", "rain on me", "love love love", "", "the rain in spain");
        TfidfVectorizer.Fitted fitted = TfidfVectorizer.fitTransform(songs, TfidfOptions.defaults());
        TfidfVectorizer fit = TfidfVectorizer.fit(songs, TfidfOptions.defaults());
        assertEquals(fit.vocabulary(), fitted.vectorizer().vocabulary());
        assertArrayEquals(fit.transform(songs), fitted.matrix());
        assertEquals(List.of("love", "rain"), fit.vocabulary(), "min_df 2 keeps the terms of two songs or more");
    }

    @Test
    void bigramsSpanRemovedStopWords() {
        TfidfVectorizer v = TfidfVectorizer.fit(List.of("love the rain", "love and rain"), TfidfOptions.defaults());
        assertEquals(List.of("love", "love rain", "rain"), v.vocabulary());
    }

    @Test
    void minDfAndMaxDfPrune() {
        assertEquals(List.of("apple"), TfidfVectorizer.fit(FRUIT, new TfidfOptions(384, 2, 1.0, 1, 1)).vocabulary());
        // apple is in 3 of 3 documents, more than 0.9 · 3
        assertEquals(List.of("banana", "cherry"), TfidfVectorizer.fit(FRUIT, new TfidfOptions(384, 1, 0.9, 1, 1)).vocabulary());
    }

    @Test
    void maxFeaturesKeepsTheMostFrequentTerms() {
        String all = String.join(" ", NATO);
        TfidfVectorizer v = TfidfVectorizer.fit(List.of(all + " tango tango sierra", all), new TfidfOptions(5, 2, 1.0, 1, 1));
        // tango (4) and sierra (3), then three of the eighteen terms counted twice: those NumPy's quicksort puts first
        assertEquals(List.of("papa", "quebec", "romeo", "sierra", "tango"), v.vocabulary());
    }

    @Test
    void maxFeaturesBreaksTiesAsNumpysUnstableSortDoes() {
        String all = String.join(" ", NATO);
        TfidfVectorizer v = TfidfVectorizer.fit(List.of(all, all), new TfidfOptions(5, 2, 1.0, 1, 1));
        // not the first five alphabetically: scikit-learn's argsort of the counts is NumPy's introsort
        assertEquals(List.of("alpha", "oscar", "papa", "quebec", "romeo"), v.vocabulary());
    }

    @Test
    void fewerTermsThanMaxFeaturesGiveFewerColumns() {
        TfidfVectorizer v = TfidfVectorizer.fit(FRUIT, UNIGRAMS);
        assertEquals(3, v.vocabulary().size());
        assertEquals(3, v.transform(List.of("banana split"))[0].length);
    }

    @Test
    void columnsAreInCodePointOrder() {
        // U+FF5A FULLWIDTH z sorts before U+1D41A MATHEMATICAL BOLD a in Python; String.compareTo puts it after
        String z = "\uFF5A\uFF5A";
        String a = "\uD835\uDC1A\uD835\uDC1A";
        TfidfVectorizer v = TfidfVectorizer.fit(List.of(z + " " + a + " zz", z + " " + a + " zz"), TfidfOptions.defaults());
        assertEquals(List.of("zz", z, z + " " + a, a, a + " zz"), v.vocabulary());
    }

    @Test
    void emptyDocumentsAndUnseenTermsGiveZeroRows() {
        TfidfVectorizer v = TfidfVectorizer.fit(FRUIT, UNIGRAMS);
        double[][] x = v.transform(List.of("apple durian", "durian", "", "the"));
        assertArrayEquals(new double[] {1, 0, 0}, x[0]);
        for (int i = 1; i < x.length; i++) {
            assertArrayEquals(new double[3], x[i], "row " + i);
        }
        assertEquals(0, v.transform(List.of()).length);
    }

    @Test
    void noSurvivingTermIsAClearError() {
        IllegalArgumentException pruned = assertThrows(IllegalArgumentException.class,
                () -> TfidfVectorizer.fit(List.of("apple", "banana"), TfidfOptions.defaults()));
        assertTrue(pruned.getMessage().contains("no terms remain"), pruned.getMessage());
        IllegalArgumentException stopWordsOnly = assertThrows(IllegalArgumentException.class,
                () -> TfidfVectorizer.fit(List.of("the and", "", "a b c"), TfidfOptions.defaults()));
        assertTrue(stopWordsOnly.getMessage().contains("empty vocabulary"), stopWordsOnly.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TfidfVectorizer.fit(List.of(), TfidfOptions.defaults()));
        IllegalArgumentException dfRange = assertThrows(IllegalArgumentException.class,
                () -> TfidfVectorizer.fit(List.of("apple banana", "apple"), new TfidfOptions(384, 2, 0.5, 1, 1)));
        assertTrue(dfRange.getMessage().contains("fewer documents than minDf"), dfRange.getMessage());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new TfidfOptions(0, 2, 1.0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TfidfOptions(384, 0, 1.0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TfidfOptions(384, 2, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TfidfOptions(384, 2, 1.5, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TfidfOptions(384, 2, 1.0, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new TfidfOptions(384, 2, 1.0, 2, 1));
    }

    @Test
    void theFitCannotBeChangedFromOutside() {
        TfidfVectorizer v = TfidfVectorizer.fit(FRUIT, UNIGRAMS);
        assertThrows(UnsupportedOperationException.class, () -> Collections.sort(v.vocabulary(), Collections.reverseOrder()));
        v.idf()[0] = 42;
        assertEquals(1, v.idf()[0], EXACT);
    }

    @Test
    void float32RowsAreTheMatrixRowByRow() {
        TfidfVectorizer.Fitted fitted = TfidfVectorizer.fitTransform(FRUIT, UNIGRAMS);
        float[][] rows = fitted.vectorizer().toFloat32(fitted.matrix());
        assertEquals(3, rows.length);
        for (int i = 0; i < 3; i++) {
            float[] expected = new float[3];
            for (int j = 0; j < 3; j++) {
                expected[j] = (float) fitted.matrix()[i][j];
            }
            assertArrayEquals(expected, rows[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> fitted.vectorizer().toFloat32(new double[][] {{1, 0}}));
    }
}
