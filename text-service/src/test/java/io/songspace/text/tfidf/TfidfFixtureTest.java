package io.songspace.text.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The study's vectorizer against scikit-learn 1.2.1 on the reference fixture ({@code text/tfidf.json} and
 * {@code text/tfidf.X.npy} under the folder named by the system property {@code songspace.fixtures}): the same
 * vocabulary in the same order, the matrix to 1e-9. Skipped, saying why, where the fixtures are absent.
 */
class TfidfFixtureTest {

    private static final double TOLERANCE = 1e-9;

    private static JsonNode fixture;
    private static NpyArray expected;

    @BeforeEach
    void requireFixtures() throws IOException {
        String dir = System.getProperty("songspace.fixtures");
        Path text = dir == null ? null : Path.of(dir, "text");
        assumeTrue(text != null && Files.isRegularFile(text.resolve("tfidf.json")) && Files.isRegularFile(text.resolve("tfidf.X.npy")),
                "TF-IDF fixtures not found (system property songspace.fixtures=" + dir + "): skipping the scikit-learn comparison");
        if (fixture == null) {
            fixture = new ObjectMapper().readTree(text.resolve("tfidf.json").toFile());
            expected = Npy.read(Files.readAllBytes(text.resolve("tfidf.X.npy")));
        }
    }

    @Test
    void theFixtureUsesTheStudysSettings() {
        JsonNode params = fixture.get("params");
        TfidfOptions defaults = TfidfOptions.defaults();
        assertEquals("1.2.1", fixture.get("sklearn_version").asText());
        assertEquals(defaults.maxFeatures(), params.get("max_features").asInt());
        assertEquals(defaults.minDf(), params.get("min_df").asInt());
        assertEquals(List.of(defaults.minN(), defaults.maxN()), ints(params.get("ngram_range")));
        assertEquals("english", params.get("stop_words").asText());
        assertEquals("(?u)\\b\\w\\w+\\b", params.get("token_pattern").asText());
    }

    @Test
    void vocabularyIsScikitLearns() {
        TfidfVectorizer v = TfidfVectorizer.fit(texts(), TfidfOptions.defaults());
        assertEquals(strings(fixture.get("vocabulary")), v.vocabulary());
    }

    @Test
    void matrixIsScikitLearnsToOneBillionth() {
        TfidfVectorizer.Fitted fitted = TfidfVectorizer.fitTransform(texts(), TfidfOptions.defaults());
        int columns = fitted.vectorizer().vocabulary().size();
        assertArrayEquals(new int[] {texts().size(), columns}, expected.shape());
        double[][] x = expected.toMatrix();
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], fitted.matrix()[i], TOLERANCE, "row " + i + ": " + texts().get(i));
        }
        double[][] transformed = fitted.vectorizer().transform(texts());
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], transformed[i], TOLERANCE, "transform, row " + i);
        }
    }

    @Test
    void float32RowsAreTheMatrixRounded() {
        TfidfVectorizer.Fitted fitted = TfidfVectorizer.fitTransform(texts(), TfidfOptions.defaults());
        float[][] rows = fitted.vectorizer().toFloat32(fitted.matrix());
        int width = expected.shape()[1];
        assertEquals(expected.shape()[0], rows.length);
        for (int i = 0; i < rows.length; i++) {
            float[] rounded = new float[width];
            for (int j = 0; j < width; j++) {
                rounded[j] = (float) expected.doubles()[i * width + j];
            }
            assertArrayEquals(rounded, rows[i], "row " + i);
        }
    }

    @Test
    void stopWordsAreScikitLearns() {
        List<String> ours = new ArrayList<>(Analyzer.ENGLISH_STOP_WORDS);
        ours.sort(null);
        assertEquals(strings(fixture.get("english_stop_words")), ours);
    }

    private static List<String> texts() {
        return strings(fixture.get("texts"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asInt()));
        return out;
    }
}
