package io.songspace.cluster.analysis;

import java.util.Random;

/** Seeded Gaussian blobs: {@code clusters} centres {@code separation} apart along distinct axes, unit variance. */
record Blobs(double[][] x, int[] labels) {

    static Blobs of(int n, int dimension, int clusters, double separation, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][dimension];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % clusters;
            for (int j = 0; j < dimension; j++) {
                x[i][j] = random.nextGaussian() + (j == labels[i] % dimension ? separation : 0);
            }
        }
        return new Blobs(x, labels);
    }
}
