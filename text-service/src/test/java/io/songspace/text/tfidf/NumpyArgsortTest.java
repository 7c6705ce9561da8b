package io.songspace.text.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ties ordered exactly as NumPy 1.24's {@code np.argsort(v)} orders them (the expected arrays are its output). */
class NumpyArgsortTest {

    @Test
    void upToSixteenElementsIsAStableInsertionSort() {
        double[] equal = new double[16];
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, NumpyArgsort.argsort(equal));
    }

    @Test
    void seventeenEqualElementsArePartitioned() {
        double[] equal = new double[17];
        Arrays.fill(equal, -1);
        assertArrayEquals(new int[] {0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16}, NumpyArgsort.argsort(equal));
    }

    @Test
    void negatedCountsWithTies() {
        double[] v = {-3, -1, -2, -3, -1, -2, -3, -1, -2, -3, -1, -2, -3, -1, -2, -3, -1, -2, -3, -1, -2, -2, -2, -3, -3};
        assertArrayEquals(new int[] {0, 18, 15, 23, 9, 6, 12, 24, 3, 22, 21, 20, 17, 5, 2, 11, 8, 14, 13, 16, 1, 19, 10, 4, 7},
                NumpyArgsort.argsort(v));
    }

    @Test
    void pastTheDepthLimitItHeapsorts() {
        // a median-of-three killer (McIlroy's adversary against this very quicksort), values halved to make ties:
        // the partitions degenerate until the depth limit sends a 38-element slice to the heapsort
        double[] v = {0, 28, 1, 28, 2, 27, 3, 27, 4, 26, 5, 26, 6, 25, 7, 25, 8, 24, 9, 24, 10, 23, 11, 23, 12, 13, 31, 30,
                31, 30, 29, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 22, 22, 21, 21, 20, 20, 19, 19, 18, 18, 17, 17, 16,
                16, 15, 15, 14, 14, 29, 13};
        assertArrayEquals(new int[] {0, 31, 2, 32, 4, 33, 6, 34, 8, 35, 10, 36, 12, 37, 14, 38, 16, 39, 18, 40, 20, 41, 22,
                42, 24, 43, 25, 63, 60, 61, 59, 58, 56, 57, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 23, 21, 17, 19,
                15, 13, 11, 9, 7, 5, 1, 3, 62, 30, 29, 27, 28, 26}, NumpyArgsort.argsort(v));
    }
}
