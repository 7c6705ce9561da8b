package io.songspace.cluster.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.graph.NearestNeighborGraph;
import smile.math.LevenbergMarquardt;
import smile.util.function.DifferentiableMultivariateFunction;

/**
 * A 2-D UMAP embedding of every sample, with the neighbour count actually used.
 *
 * <p>Written by hand after Smile 6.3.0's {@code smile.manifold.UMAP} (GPL-3, as songspace) and umap-learn 0.5,
 * because Smile's cannot be used as it is: whenever the k-NN graph is connected (the usual case) it starts from a
 * spectral layout computed by the native ARPACK library, which it loads by the name {@code libarpack.so} (Debian
 * {@code libarpack2-dev}, absent from these machines: the call fails), and even with ARPACK present it is not
 * reproducible within one JVM: ARPACK draws its start vector from a seed kept inside the library that advances on
 * every call, so the same data and seed give a different embedding for each job a worker runs. This version starts
 * from PCA (umap-learn's {@code init="pca"}), draws every random number from one seeded generator, runs on one
 * thread and embeds every sample, connected graph or not. Smile still provides the exact k-NN graph, the PCA and
 * the curve fit.
 */
public record UmapEmbedding(double[][] coordinates, int neighbors) {

    private static final double SMOOTH_K_TOLERANCE = 1e-5;
    private static final double MIN_K_DIST_SCALE = 1e-3;
    private static final int BANDWIDTH_SEARCH_STEPS = 64;
    private static final double GRADIENT_CLIP = 4.0;
    private static final double LAYOUT_SCALE = 10.0;
    private static final double LAYOUT_NOISE = 1e-4;
    private static final int CURVE_POINTS = 300;

    /** The graph's directed edges (both directions of each fuzzy-union edge), sorted by head then tail. */
    private record Edges(int[] head, int[] tail, double[] epochsPerSample) {
    }

    /**
     * @param x one row per sample, dimension at least 2
     * @param options neighbours are capped at n-1
     */
    public static UmapEmbedding fit(double[][] x, UmapOptions options, long seed) {
        int n = x.length;
        if (n < 3 || x[0].length < 2) {
            throw new IllegalArgumentException("UMAP needs at least 3 samples of dimension 2 or more, got "
                    + n + "×" + x[0].length);
        }
        int neighbors = Math.min(options.neighbors(), n - 1);
        // umap-learn counts the sample itself among its n_neighbors; Smile's graph leaves it out and needs k >= 2
        int k = Math.max(2, neighbors - 1);
        Edges graph = fuzzySimplicialSet(NearestNeighborGraph.of(x, k), options.epochs());
        SplittableRandom random = new SplittableRandom(seed);
        double[][] embedding = pcaLayout(x, random);
        double[] ab = curve(options.spread(), options.minDist());
        optimize(embedding, graph, ab[0], ab[1], options, random);
        return new UmapEmbedding(embedding, neighbors);
    }

    /** Fuzzy membership of each k-NN edge, their fuzzy union (a + b - ab), and umap-learn's sampling schedule. */
    private static Edges fuzzySimplicialSet(NearestNeighborGraph knn, int epochs) {
        int n = knn.size();
        int k = knn.k();
        int[][] neighbors = knn.neighbors();
        double[][] distances = knn.distances();
        double target = Math.log(k + 1) / Math.log(2); // log2 of n_neighbors, the sample itself included
        double meanDistance = Arrays.stream(distances).flatMapToDouble(Arrays::stream).average().orElse(0);
        // per unordered pair: membership seen from the lower index, then from the higher one
        Map<Long, double[]> pairs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double rho = nearestPositive(distances[i]);
            double sigma = bandwidth(distances[i], rho, target, meanDistance);
            for (int t = 0; t < k; t++) {
                int j = neighbors[i][t];
                double excess = distances[i][t] - rho;
                double membership = excess <= 0 ? 1.0 : Math.exp(-excess / sigma);
                long key = i < j ? (long) i * n + j : (long) j * n + i;
                pairs.computeIfAbsent(key, unused -> new double[2])[i < j ? 0 : 1] = membership;
            }
        }
        Map<Long, Double> union = new HashMap<>();
        double strongest = 0;
        for (Map.Entry<Long, double[]> e : pairs.entrySet()) {
            double a = e.getValue()[0];
            double b = e.getValue()[1];
            union.put(e.getKey(), a + b - a * b);
            strongest = Math.max(strongest, a + b - a * b);
        }
        // edges too weak to be sampled once in `epochs` are dropped; the others are sampled every max/w epochs
        double weakest = strongest / epochs;
        long[] directed = union.entrySet().stream().filter(e -> e.getValue() >= weakest)
                .flatMapToLong(e -> {
                    long lo = e.getKey() / n;
                    long hi = e.getKey() % n;
                    return LongStream.of(lo * n + hi, hi * n + lo);
                }).sorted().toArray();
        int[] head = new int[directed.length];
        int[] tail = new int[directed.length];
        double[] epochsPerSample = new double[directed.length];
        for (int e = 0; e < directed.length; e++) {
            head[e] = (int) (directed[e] / n);
            tail[e] = (int) (directed[e] % n);
            long pair = Math.min(head[e], tail[e]) * (long) n + Math.max(head[e], tail[e]);
            epochsPerSample[e] = strongest / union.get(pair);
        }
        return new Edges(head, tail, epochsPerSample);
    }

    /** Distance to the nearest neighbour that is not a duplicate (local connectivity 1); distances are ascending. */
    private static double nearestPositive(double[] distances) {
        for (double d : distances) {
            if (d > 0) {
                return d;
            }
        }
        return 0;
    }

    /** umap-learn's smooth_knn_dist: the sigma whose memberships sum to log2(n_neighbors), by bisection. */
    private static double bandwidth(double[] distances, double rho, double target, double meanDistance) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int step = 0; step < BANDWIDTH_SEARCH_STEPS; step++) {
            double sum = 0;
            for (double d : distances) {
                double excess = d - rho;
                sum += excess > 0 ? Math.exp(-excess / mid) : 1;
            }
            if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) {
                break;
            }
            if (sum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = Double.isInfinite(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }
        double mean = rho > 0 ? Arrays.stream(distances).average().orElse(0) : meanDistance;
        return Math.max(mid, MIN_K_DIST_SCALE * mean);
    }

    /** First two principal components scaled to ±10 plus a little noise, then into the [0, 10] box (umap-learn). */
    private static double[][] pcaLayout(double[][] x, SplittableRandom random) {
        double[][] y = PcaFeatures.fit(x, 2).features();
        double largest = Arrays.stream(y).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
        double expansion = largest > 0 ? LAYOUT_SCALE / largest : 1;
        for (double[] row : y) {
            for (int c = 0; c < 2; c++) {
                row[c] = row[c] * expansion + random.nextGaussian() * LAYOUT_NOISE;
            }
        }
        for (int c = 0; c < 2; c++) {
            final int col = c;
            double min = Arrays.stream(y).mapToDouble(r -> r[col]).min().orElse(0);
            double range = Arrays.stream(y).mapToDouble(r -> r[col]).max().orElse(0) - min;
            for (double[] row : y) {
                row[c] = range == 0 ? 0 : LAYOUT_SCALE * (row[c] - min) / range;
            }
        }
        return y;
    }

    /** The a, b of the low-dimensional similarity 1 / (1 + a·d^(2b)) that best fit min_dist and spread. */
    static double[] curve(double spread, double minDist) {
        double[] x = new double[CURVE_POINTS];
        double[] y = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            x[i] = (i + 1) * 3 * spread / CURVE_POINTS;
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double[] p = LevenbergMarquardt.fit(new Curve(), x, y, new double[] {1.0, 1.0}).parameters();
        return new double[] {p[0], p[1] / 2}; // the curve is fitted with 2b as its exponent
    }

    /** 1 / (1 + p0·x^p1) with arguments (p0, p1, x), as Smile's LevenbergMarquardt expects. */
    private static final class Curve implements DifferentiableMultivariateFunction {
        @Override
        public double f(double[] v) {
            return 1 / (1 + v[0] * Math.pow(v[2], v[1]));
        }

        @Override
        public double g(double[] v, double[] gradient) {
            double pow = Math.pow(v[2], v[1]);
            double denominator = 1 + v[0] * pow;
            gradient[0] = -pow / (denominator * denominator);
            gradient[1] = -(v[0] * Math.log(v[2]) * pow) / (denominator * denominator);
            return 1 / denominator;
        }
    }

    /** umap-learn's optimize_layout_euclidean: attraction along sampled edges, repulsion from random samples. */
    private static void optimize(double[][] y, Edges graph, double a, double b, UmapOptions options,
            SplittableRandom random) {
        int n = y.length;
        int edges = graph.head().length;
        int epochs = options.epochs();
        double[] perSample = graph.epochsPerSample();
        double[] nextSample = perSample.clone();
        double[] perNegative = Arrays.stream(perSample).map(e -> e / options.negativeSamples()).toArray();
        double[] nextNegative = perNegative.clone();
        double alpha = options.learningRate();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int e = 0; e < edges; e++) {
                if (nextSample[e] > epoch) {
                    continue;
                }
                double[] current = y[graph.head()[e]];
                double[] other = y[graph.tail()[e]];
                double d2 = squaredDistance(current, other);
                double attract = d2 > 0 ? -2 * a * b * Math.pow(d2, b - 1) / (a * Math.pow(d2, b) + 1) : 0;
                for (int c = 0; c < 2; c++) {
                    double step = clip(attract * (current[c] - other[c])) * alpha;
                    current[c] += step;
                    other[c] -= step;
                }
                nextSample[e] += perSample[e];
                int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
                for (int s = 0; s < negatives; s++) {
                    int r = random.nextInt(n);
                    double[] far = y[r];
                    double f2 = squaredDistance(current, far);
                    if (r == graph.head()[e] || f2 == 0) {
                        continue; // itself, or a coincident sample: no defined direction (umap-learn: no step)
                    }
                    double repel = 2 * options.repulsionStrength() * b / ((0.001 + f2) * (a * Math.pow(f2, b) + 1));
                    for (int c = 0; c < 2; c++) {
                        current[c] += clip(repel * (current[c] - far[c])) * alpha;
                    }
                }
                nextNegative[e] += negatives * perNegative[e];
            }
            alpha = options.learningRate() * (1.0 - (double) epoch / epochs);
        }
    }

    private static double squaredDistance(double[] p, double[] q) {
        double dx = p[0] - q[0];
        double dy = p[1] - q[1];
        return dx * dx + dy * dy;
    }

    private static double clip(double v) {
        return Math.max(-GRADIENT_CLIP, Math.min(GRADIENT_CLIP, v));
    }
}
