package io.songspace.cluster.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A 2-D t-SNE embedding by Barnes-Hut t-SNE (van der Maaten 2014), with the perplexity actually used and the
 * final Kullback-Leibler cost.
 *
 * <p>Written here because no maintained Java library on Maven Central does Barnes-Hut (or FFT-accelerated) t-SNE:
 * Smile 6.3 has only the exact O(n²) algorithm (about 45 s and several n×n matrices for 3,000 points); T-SNE-Java
 * is served from JitPack, not Central, and its one-release derivative de.javagl:bh-tsne is unmaintained;
 * Deeplearning4j's BarnesHutTsne brings the ND4J native backend, hundreds of megabytes, for one algorithm.
 * It follows scikit-learn 1.2's {@code TSNE(method="barnes_hut")} step for step, so that its costs compare:
 * <ol>
 *   <li>exact nearest neighbours, the min(n-1, ⌊3·perplexity + 1⌋) nearest of each point by squared Euclidean
 *       distance (brute force over all pairs, O(n² d));</li>
 *   <li>per point, a binary search for the Gaussian precision whose conditional distribution over those neighbours
 *       has the wanted perplexity (entropy within 1e-5 nats, at most 100 steps);</li>
 *   <li>the joint P = (P_cond + P_condᵀ) / sum, sparse;</li>
 *   <li>a start from the input's first two principal components (or random), scaled so that the first coordinate
 *       has standard deviation 1e-4;</li>
 *   <li>gradient descent with per-coordinate gains (+0.2 where the gradient changes sign, ×0.8 elsewhere, at least
 *       0.01): 250 iterations with P exaggerated and momentum 0.5, then the rest with momentum 0.8, each stage
 *       starting with fresh gains and velocity; every 50 iterations it stops if the gradient norm fell to 1e-7 or the
 *       cost has not improved for 250 (first stage) or 300 iterations;</li>
 *   <li>the repulsive forces and the normalisation Z from a quadtree of the layout, a cell standing for all its
 *       points where its largest side seen from the point is below theta (theta 0: exact, all pairs).</li>
 * </ol>
 * Single-threaded and deterministic: a seed gives the same layout on every run.
 */
public record TsneEmbedding(double[][] coordinates, double perplexity, double cost) {

    /** Below 7 points the cap (n-1)/3 would fall under this. */
    private static final double MIN_PERPLEXITY = 2;
    private static final int EXPLORATION_ITERATIONS = 250;
    private static final int CHECK_EVERY = 50;
    private static final int ITERATIONS_WITHOUT_PROGRESS = 300;
    private static final double EARLY_MOMENTUM = 0.5;
    private static final double LATE_MOMENTUM = 0.8;
    private static final double MIN_GAIN = 0.01;
    private static final double MIN_GRADIENT_NORM = 1e-7;
    private static final double INITIAL_STD = 1e-4;
    private static final int SEARCH_STEPS = 100;
    private static final double ENTROPY_TOLERANCE = 1e-5;
    /** scikit-learn's floor on a row's sum of unnormalised conditional probabilities. */
    private static final double MIN_ROW_SUM = 1e-8;
    /** scikit-learn's floor on p and q inside the logarithm of the cost (float32's smallest normal). */
    private static final double TINY = Float.MIN_NORMAL;

    /**
     * The perplexity is capped at (n-1)/3 (at least 2) so that small inputs still have enough neighbours.
     *
     * @param x n points (n >= 2), one per row
     * @param seed draws the initial layout where {@code options.init()} is RANDOM; the PCA start uses none
     */
    public static TsneEmbedding fit(double[][] x, TsneOptions options, long seed) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("t-SNE needs at least 2 points, got " + n);
        }
        double perplexity = Math.max(MIN_PERPLEXITY, Math.min(options.perplexity(), (n - 1) / 3.0));
        int k = Math.min(n - 1, (int) (3 * perplexity + 1));
        NearestNeighbours neighbours = NearestNeighbours.of(x, k);
        SparseP p = SparseP.of(neighbours, conditionalProbabilities(neighbours.squaredDistances(), perplexity));

        double[] y = initialLayout(x, options.init(), seed);
        Gradient gradient = new Gradient(p, n, options.theta());
        double learningRate = options.learningRateFor(n);
        int exploration = Math.min(EXPLORATION_ITERATIONS, options.maxIterations());
        int last = descend(gradient, y, options.earlyExaggeration(), EARLY_MOMENTUM, learningRate, 0, exploration,
                EXPLORATION_ITERATIONS);
        descend(gradient, y, 1, LATE_MOMENTUM, learningRate, last + 1, options.maxIterations(),
                ITERATIONS_WITHOUT_PROGRESS);
        // scikit-learn reports the cost of the layout one step before its last; this is the returned layout's
        double cost = gradient.compute(y, 1, null, true);

        double[][] coordinates = new double[n][2];
        for (int i = 0; i < n; i++) {
            coordinates[i][0] = y[2 * i];
            coordinates[i][1] = y[2 * i + 1];
        }
        return new TsneEmbedding(coordinates, perplexity, cost);
    }

    /**
     * The objective that {@link #fit} minimises, at a given layout: KL(P ‖ Q) for the input's P at this perplexity
     * (not capped here), its gradient written into {@code grad} (n × 2) when that is not null; Barnes-Hut with
     * theta, or exact with theta 0. For checking the optimiser against the objective.
     */
    static double objective(double[][] x, double perplexity, double theta, double[][] layout, double[][] grad) {
        int n = x.length;
        NearestNeighbours neighbours = NearestNeighbours.of(x, Math.min(n - 1, (int) (3 * perplexity + 1)));
        SparseP p = SparseP.of(neighbours, conditionalProbabilities(neighbours.squaredDistances(), perplexity));
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[2 * i] = layout[i][0];
            y[2 * i + 1] = layout[i][1];
        }
        double[] g = grad == null ? null : new double[2 * n];
        double cost = new Gradient(p, n, theta).compute(y, 1, g, true);
        if (grad != null) {
            for (int i = 0; i < n; i++) {
                grad[i][0] = g[2 * i];
                grad[i][1] = g[2 * i + 1];
            }
        }
        return cost;
    }

    /**
     * One stage of scikit-learn's {@code _gradient_descent}: iterations {@code from} to {@code to - 1} on y, in
     * place, with fresh gains and velocity. Returns the last iteration run.
     */
    private static int descend(Gradient gradient, double[] y, double exaggeration, double momentum,
            double learningRate, int from, int to, int withoutProgress) {
        double[] grad = new double[y.length];
        double[] update = new double[y.length];
        double[] gains = new double[y.length];
        Arrays.fill(gains, 1);
        double best = Double.MAX_VALUE;
        int bestIteration = from;
        int i = from;
        for (; i < to; i++) {
            boolean check = (i + 1) % CHECK_EVERY == 0;
            double error = gradient.compute(y, exaggeration, grad, check);
            double squaredNorm = 0;
            for (int c = 0; c < y.length; c++) {
                double g = grad[c];
                double gain = update[c] * g < 0 ? gains[c] + 0.2 : gains[c] * 0.8;
                gain = Math.max(gain, MIN_GAIN);
                gains[c] = gain;
                g *= gain;
                squaredNorm += g * g;
                update[c] = momentum * update[c] - learningRate * g;
                y[c] += update[c];
            }
            if (check) {
                if (error < best) {
                    best = error;
                    bestIteration = i;
                } else if (i - bestIteration > withoutProgress) {
                    break;
                }
                if (Math.sqrt(squaredNorm) <= MIN_GRADIENT_NORM) {
                    break;
                }
            }
        }
        return Math.min(i, to - 1);
    }

    /**
     * scikit-learn's {@code _binary_search_perplexity}: for each point, the precision β of a Gaussian over its
     * neighbours' squared distances whose entropy is log(perplexity), and the resulting conditional p_j|i.
     */
    static double[][] conditionalProbabilities(double[][] squaredDistances, double perplexity) {
        double wanted = Math.log(perplexity);
        double[][] conditional = new double[squaredDistances.length][];
        for (int i = 0; i < squaredDistances.length; i++) {
            double[] d = squaredDistances[i];
            double[] p = new double[d.length];
            double beta = 1;
            double betaMin = Double.NEGATIVE_INFINITY;
            double betaMax = Double.POSITIVE_INFINITY;
            for (int step = 0; step < SEARCH_STEPS; step++) {
                double sum = 0;
                for (int j = 0; j < d.length; j++) {
                    p[j] = Math.exp(-d[j] * beta);
                    sum += p[j];
                }
                if (sum == 0) {
                    sum = MIN_ROW_SUM;
                }
                double weighted = 0;
                for (int j = 0; j < d.length; j++) {
                    p[j] /= sum;
                    weighted += d[j] * p[j];
                }
                double difference = Math.log(sum) + beta * weighted - wanted;
                if (Math.abs(difference) <= ENTROPY_TOLERANCE) {
                    break;
                }
                if (difference > 0) {
                    betaMin = beta;
                    beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
                } else {
                    betaMax = beta;
                    beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
                }
            }
            conditional[i] = p;
        }
        return conditional;
    }

    /** The starting layout, interleaved (y[2i], y[2i+1]), its first coordinate with standard deviation 1e-4. */
    private static double[] initialLayout(double[][] x, TsneOptions.Init init, long seed) {
        int n = x.length;
        double[] y = new double[2 * n];
        if (init == TsneOptions.Init.PCA) {
            double[][] pcs = PcaFeatures.fit(x, 2).features();
            int components = pcs[0].length;
            double std = std(pcs, 0);
            if (std > 0) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < components; c++) {
                        y[2 * i + c] = pcs[i][c] / std * INITIAL_STD;
                    }
                }
                if (components == 2) {
                    return y;
                }
            }
            // one input dimension, or all points alike: the missing (or every) coordinate comes from the seed
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                for (int c = std > 0 ? components : 0; c < 2; c++) {
                    y[2 * i + c] = INITIAL_STD * random.nextGaussian();
                }
            }
            return y;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < y.length; c++) {
            y[c] = INITIAL_STD * random.nextGaussian();
        }
        return y;
    }

    private static double std(double[][] x, int column) {
        double mean = 0;
        for (double[] row : x) {
            mean += row[column];
        }
        mean /= x.length;
        double variance = 0;
        for (double[] row : x) {
            variance += (row[column] - mean) * (row[column] - mean);
        }
        return Math.sqrt(variance / x.length);
    }

    /** The joint probabilities (p_j|i + p_i|j) / Σ, in compressed sparse rows; symmetric. */
    record SparseP(int[] rowStart, int[] columns, double[] values) {

        static SparseP of(NearestNeighbours neighbours, double[][] conditional) {
            int[][] knn = neighbours.indices();
            int n = knn.length;
            // who has i among its neighbours: the transpose's rows
            int[] inStart = new int[n + 1];
            for (int[] row : knn) {
                for (int j : row) {
                    inStart[j + 1]++;
                }
            }
            for (int i = 0; i < n; i++) {
                inStart[i + 1] += inStart[i];
            }
            int[] inFrom = new int[inStart[n]];
            double[] inValue = new double[inStart[n]];
            int[] fill = Arrays.copyOf(inStart, n);
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < knn[i].length; m++) {
                    int j = knn[i][m];
                    inFrom[fill[j]] = i;
                    inValue[fill[j]++] = conditional[i][m];
                }
            }
            int[] rowStart = new int[n + 1];
            int[] columns = new int[2 * inStart[n]];
            double[] values = new double[2 * inStart[n]];
            int[] slot = new int[n];
            Arrays.fill(slot, -1);
            int next = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                rowStart[i] = next;
                for (int m = 0; m < knn[i].length; m++) {
                    slot[knn[i][m]] = next;
                    columns[next] = knn[i][m];
                    values[next++] = conditional[i][m];
                }
                for (int e = inStart[i]; e < inStart[i + 1]; e++) {
                    int j = inFrom[e];
                    if (slot[j] >= rowStart[i]) {
                        values[slot[j]] += inValue[e];
                    } else {
                        slot[j] = next;
                        columns[next] = j;
                        values[next++] = inValue[e];
                    }
                }
                for (int e = rowStart[i]; e < next; e++) {
                    total += values[e];
                }
            }
            rowStart[n] = next;
            double scale = 1 / Math.max(total, Math.ulp(1.0));
            double[] normalised = Arrays.copyOf(values, next);
            for (int e = 0; e < next; e++) {
                normalised[e] *= scale;
            }
            return new SparseP(rowStart, Arrays.copyOf(columns, next), normalised);
        }
    }

    /** The cost and gradient of KL(P ‖ Q) over a layout, with Barnes-Hut (theta > 0) or exact repulsion. */
    private static final class Gradient {
        private final SparseP p;
        private final int n;
        private final double theta;
        private final double[] attraction;
        private final double[] repulsion;
        private final QuadTree tree;

        Gradient(SparseP p, int n, double theta) {
            this.p = p;
            this.n = n;
            this.theta = theta;
            this.attraction = new double[2 * n];
            this.repulsion = new double[2 * n];
            this.tree = theta > 0 ? new QuadTree(n) : null;
        }

        /**
         * Fills grad (when not null) with ∂KL/∂y for P scaled by {@code exaggeration}, and returns the cost
         * Σ p log(p/q) over P's non-zero entries when {@code withCost}, else NaN. Q's normalisation
         * Z = Σ_{i≠j} (1 + |y_i - y_j|²)⁻¹ is as approximate as the repulsion.
         */
        double compute(double[] y, double exaggeration, double[] grad, boolean withCost) {
            Arrays.fill(repulsion, 0);
            double z = tree != null ? tree.repulsion(y, theta * theta, repulsion) : exactRepulsion(y);
            Arrays.fill(attraction, 0);
            int[] rowStart = p.rowStart();
            int[] columns = p.columns();
            double[] values = p.values();
            double cost = 0;
            for (int i = 0; i < n; i++) {
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                double a0 = 0;
                double a1 = 0;
                for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                    int j = columns[e];
                    double d0 = yi0 - y[2 * j];
                    double d1 = yi1 - y[2 * j + 1];
                    double q = 1 / (1 + d0 * d0 + d1 * d1);
                    double pij = exaggeration * values[e];
                    a0 += pij * q * d0;
                    a1 += pij * q * d1;
                    if (withCost) {
                        cost += pij * Math.log(Math.max(pij, TINY) / Math.max(q / z, TINY));
                    }
                }
                attraction[2 * i] = a0;
                attraction[2 * i + 1] = a1;
            }
            if (grad != null) {
                for (int c = 0; c < 2 * n; c++) {
                    grad[c] = 4 * (attraction[c] - repulsion[c] / z);
                }
            }
            return withCost ? cost : Double.NaN;
        }

        /** Σ_j q_ij² (y_i - y_j) into repulsion, for every pair; returns Z. */
        private double exactRepulsion(double[] y) {
            double z = 0;
            for (int i = 0; i < n; i++) {
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                double r0 = 0;
                double r1 = 0;
                for (int j = i + 1; j < n; j++) {
                    double d0 = yi0 - y[2 * j];
                    double d1 = yi1 - y[2 * j + 1];
                    double q = 1 / (1 + d0 * d0 + d1 * d1);
                    double qq = q * q;
                    z += 2 * q;
                    r0 += qq * d0;
                    r1 += qq * d1;
                    repulsion[2 * j] -= qq * d0;
                    repulsion[2 * j + 1] -= qq * d1;
                }
                repulsion[2 * i] += r0;
                repulsion[2 * i + 1] += r1;
            }
            return z;
        }
    }

    /**
     * A point-region quadtree of the layout, rebuilt each iteration: cells split at their centre until they hold
     * one point (or points closer than 2⁻⁵⁰ of the layout's extent, kept together as one leaf), each knowing its
     * points' count and centre of mass. Nodes are stored in depth-first preorder, each with the index just past its
     * subtree, so that a traversal walks the arrays forwards without a stack.
     */
    private static final class QuadTree {
        private static final int MAX_DEPTH = 50;
        /** Per node: centre of mass x, y; squared largest side (-1 for a leaf); point count. */
        private static final int STRIDE = 4;
        private final int[] order;
        private final int[] leafOf;
        private int nodes;
        private double[] data = new double[0];
        private int[] skip = new int[0];

        QuadTree(int n) {
            order = new int[n];
            leafOf = new int[n];
            grow(2 * n + 16);
        }

        /** Builds the tree of y; accumulates each point's Σ_cells N q² (y_i - centre) into out; returns Z. */
        double repulsion(double[] y, double squaredTheta, double[] out) {
            build(y);
            double[] d = data;
            int[] next = skip;
            int end = nodes;
            double z = 0;
            for (int m = 0; m < order.length; m++) {
                int i = order[m]; // in tree order: consecutive points walk much the same cells
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                int own = leafOf[i];
                double r0 = 0;
                double r1 = 0;
                int node = 0;
                while (node < end) {
                    int b = STRIDE * node;
                    double d0 = yi0 - d[b];
                    double d1 = yi1 - d[b + 1];
                    double d2 = d0 * d0 + d1 * d1;
                    // a leaf (squared width -1) always qualifies; a cell when its width seen from i is below theta
                    if (d[b + 2] < squaredTheta * d2) {
                        if (node != own) { // no self-interaction (nor with points at the very same place)
                            double q = 1 / (1 + d2);
                            double nq = d[b + 3] * q;
                            z += nq;
                            double f = nq * q;
                            r0 += f * d0;
                            r1 += f * d1;
                        }
                        node = next[node];
                    } else {
                        node++; // open the cell: its first child follows it
                    }
                }
                out[2 * i] += r0;
                out[2 * i + 1] += r1;
            }
            return z;
        }

        private void build(double[] y) {
            int n = order.length;
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                order[i] = i;
                minX = Math.min(minX, y[2 * i]);
                maxX = Math.max(maxX, y[2 * i]);
                minY = Math.min(minY, y[2 * i + 1]);
                maxY = Math.max(maxY, y[2 * i + 1]);
            }
            nodes = 0;
            build(y, 0, n, minX, maxX, minY, maxY, 0);
        }

        /** The cell [x0, x1] × [y0, y1] holding order[from..to), and below it its subtree. */
        private void build(double[] y, int from, int to, double x0, double x1, double y0, double y1, int depth) {
            int node = nodes++;
            if (node >= skip.length) {
                grow(2 * skip.length);
            }
            double sx = 0;
            double sy = 0;
            boolean together = true;
            double firstX = y[2 * order[from]];
            double firstY = y[2 * order[from] + 1];
            for (int m = from; m < to; m++) {
                double px = y[2 * order[m]];
                double py = y[2 * order[m] + 1];
                sx += px;
                sy += py;
                together &= px == firstX && py == firstY;
            }
            int size = to - from;
            int b = STRIDE * node;
            data[b] = sx / size;
            data[b + 1] = sy / size;
            data[b + 3] = size;
            if (size == 1 || together || depth >= MAX_DEPTH) {
                data[b + 2] = -1;
                for (int m = from; m < to; m++) {
                    leafOf[order[m]] = node;
                }
                skip[node] = nodes;
                return;
            }
            double width = Math.max(x1 - x0, y1 - y0);
            data[b + 2] = width * width;
            double midX = (x0 + x1) / 2;
            double midY = (y0 + y1) / 2;
            int splitX = partition(y, from, to, 0, midX);
            int lowerLeft = partition(y, from, splitX, 1, midY);
            int lowerRight = partition(y, splitX, to, 1, midY);
            if (lowerLeft > from) {
                build(y, from, lowerLeft, x0, midX, y0, midY, depth + 1);
            }
            if (splitX > lowerLeft) {
                build(y, lowerLeft, splitX, x0, midX, midY, y1, depth + 1);
            }
            if (lowerRight > splitX) {
                build(y, splitX, lowerRight, midX, x1, y0, midY, depth + 1);
            }
            if (to > lowerRight) {
                build(y, lowerRight, to, midX, x1, midY, y1, depth + 1);
            }
            skip[node] = nodes;
        }

        /** Reorders order[from..to) so that points below mid on the axis come first; returns where the rest start. */
        private int partition(double[] y, int from, int to, int axis, double mid) {
            int lo = from;
            int hi = to - 1;
            while (true) {
                while (lo <= hi && y[2 * order[lo] + axis] < mid) {
                    lo++;
                }
                while (lo <= hi && y[2 * order[hi] + axis] >= mid) {
                    hi--;
                }
                if (lo >= hi) {
                    return lo;
                }
                int t = order[lo];
                order[lo] = order[hi];
                order[hi] = t;
            }
        }

        private void grow(int capacity) {
            data = Arrays.copyOf(data, STRIDE * capacity);
            skip = Arrays.copyOf(skip, capacity);
        }
    }
}
