package io.songspace.common.npy;

import java.util.Arrays;

/**
 * An n-dimensional array read from or written to a {@code .npy} file: its shape and its data in C order.
 * Exactly one of {@code floats}, {@code doubles} and {@code longs} is non-null, following the dtype.
 */
public record NpyArray(int[] shape, float[] floats, double[] doubles, long[] longs) {

    public static NpyArray ofFloats(float[] data, int... shape) {
        check(data.length, shape);
        return new NpyArray(shape.clone(), data, null, null);
    }

    public static NpyArray ofDoubles(double[] data, int... shape) {
        check(data.length, shape);
        return new NpyArray(shape.clone(), null, data, null);
    }

    public static NpyArray ofLongs(long[] data, int... shape) {
        check(data.length, shape);
        return new NpyArray(shape.clone(), null, null, data);
    }

    public int size() {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    public int rows() {
        return shape[0];
    }

    /** Element {@code i} (C order) as a double, whatever the dtype. */
    public double get(int i) {
        return floats != null ? floats[i] : doubles != null ? doubles[i] : longs[i];
    }

    /** The array as an N×D double matrix (a 1-D array becomes N×1; higher dimensions are flattened per row). */
    public double[][] toMatrix() {
        int n = shape.length == 0 ? 1 : shape[0];
        int d = n == 0 ? 0 : size() / n;
        double[][] m = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = get(i * d + j);
            }
        }
        return m;
    }

    /** The array as ints (labels, assignments). */
    public int[] toInts() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(Math.round(get(i)));
        }
        return out;
    }

    private static void check(int length, int[] shape) {
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + length);
        }
    }
}
