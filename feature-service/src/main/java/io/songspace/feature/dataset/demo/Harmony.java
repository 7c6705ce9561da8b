package io.songspace.feature.dataset.demo;

/** Scales and chords as MIDI note numbers. */
final class Harmony {

    static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    static final int[] DORIAN = {0, 2, 3, 5, 7, 9, 10};

    private Harmony() {
    }

    /** The note of scale degree {@code degree} (0-based, may exceed the octave) above {@code root}. */
    static int degree(int[] scale, int root, int degree) {
        int octave = Math.floorDiv(degree, scale.length);
        return root + 12 * octave + scale[Math.floorMod(degree, scale.length)];
    }

    /** A chord stacked in thirds on scale degree {@code degree}: {@code notes} notes (3 = triad, 4 = seventh). */
    static int[] chord(int[] scale, int root, int degree, int notes) {
        int[] c = new int[notes];
        for (int i = 0; i < notes; i++) {
            c[i] = degree(scale, root, degree + 2 * i);
        }
        return c;
    }
}
