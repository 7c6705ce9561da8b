package io.songspace.text.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's own bean: the tokenizer's native library loads once per class loader, so tests share it. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class MiniLmMethodTest {

    @Inject
    MiniLmMethod method;

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void vectorsAre384dUnitLengthAndZeroForEmptyText() {
        float[][] v = method.vectors(List.of("a love song about the summer sea", "", "   "));
        assertEquals(3, v.length);
        assertEquals(MiniLmMethod.DIMENSION, v[0].length);
        assertEquals(1.0, cosine(v[0], v[0]), 1e-5, "L2-normalised");
        assertArrayEquals(new float[MiniLmMethod.DIMENSION], v[1]);
        assertArrayEquals(new float[MiniLmMethod.DIMENSION], v[2]);
    }

    @Test
    void theSameTextGivesTheSameVectorAloneOrInABatch() {
        String text = "drums and distorted guitars all night long";
        float[] alone = method.vectors(List.of(text))[0];
        float[] inBatch = method.vectors(List.of("something else entirely", text))[1];
        assertArrayEquals(alone, inBatch, 1e-6f);
    }

    @Test
    void similarMeaningsAreCloserThanUnrelatedOnes() {
        float[][] v = method.vectors(List.of(
                "I miss you every night, my love, come back to me",
                "My darling, I long for you when you are gone",
                "The quarterly tax report is due on Monday",
                "Heavy distorted guitars and screaming vocals",
                "Loud electric guitar riffs with aggressive singing"));
        assertTrue(cosine(v[0], v[1]) > cosine(v[0], v[2]) + 0.2,
                "love lyrics: " + cosine(v[0], v[1]) + " vs tax report " + cosine(v[0], v[2]));
        assertTrue(cosine(v[3], v[4]) > cosine(v[3], v[1]),
                "metal descriptions: " + cosine(v[3], v[4]) + " vs love lyrics " + cosine(v[3], v[1]));
    }
}
