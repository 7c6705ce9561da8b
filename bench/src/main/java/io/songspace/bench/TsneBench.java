package io.songspace.bench;

import io.songspace.cluster.analysis.TsneEmbedding;
import io.songspace.cluster.analysis.TsneOptions;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Seconds and final KL divergence of one Barnes-Hut t-SNE (scikit-learn's defaults: perplexity 30, 1,000
 * iterations, learning rate "auto", PCA start, theta 0.5) of 3,000 × 32 seeded points: five Gaussian clusters,
 * standardised. The matrix is written as float64 .npy to the path given, so that
 * {@code bench/python/tsne_sklearn.py} embeds the very same points with scikit-learn. Single-threaded; pin it to
 * one core ({@code taskset -c 0}) for a side-by-side comparison, timing whole processes.
 * Arguments: [matrix .npy path (default bench/target/tsne-3000x32.npy)] [seed (default 0)].
 */
public final class TsneBench {

    private static final int ROWS = 3_000;
    private static final int COLS = 32;
    private static final int CLUSTERS = 5;
    /** Standard deviation of the cluster centres' coordinates; each cluster has unit variance. */
    private static final double CENTRE_SPREAD = 2.0;

    private TsneBench() {
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "bench/target/tsne-3000x32.npy");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 0;
        double[][] x = standardize(blobs(42));
        double[] flat = new double[ROWS * COLS];
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(x[i], 0, flat, i * COLS, COLS);
        }
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.write(path, Npy.write(NpyArray.ofDoubles(flat, ROWS, COLS)));

        long start = System.nanoTime();
        TsneEmbedding tsne = TsneEmbedding.fit(x, TsneOptions.defaults(30), seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        long finite = Arrays.stream(tsne.coordinates())
                .filter(r -> Double.isFinite(r[0]) && Double.isFinite(r[1])).count();
        System.out.printf(Locale.ROOT, "java barnes-hut t-SNE %d×%d (matrix: %s): seconds %.3f kl %.6f "
                + "embedded %d/%d%n", ROWS, COLS, path, seconds, tsne.cost(), finite, ROWS);
    }

    /** Five clusters, centres drawn N(0, 2²) per coordinate, points N(centre, 1), in cluster order i mod 5. */
    private static double[][] blobs(long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[CLUSTERS][COLS];
        for (double[] centre : centres) {
            for (int j = 0; j < COLS; j++) {
                centre[j] = CENTRE_SPREAD * random.nextGaussian();
            }
        }
        double[][] x = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                x[i][j] = centres[i % CLUSTERS][j] + random.nextGaussian();
            }
        }
        return x;
    }

    /** (x - mean) / population std, per column, as scikit-learn's StandardScaler. */
    private static double[][] standardize(double[][] x) {
        double[][] z = new double[x.length][COLS];
        for (int j = 0; j < COLS; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(variance / x.length);
            for (int i = 0; i < x.length; i++) {
                z[i][j] = (x[i][j] - mean) / std;
            }
        }
        return z;
    }
}
