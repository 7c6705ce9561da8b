package io.songspace.cluster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.songspace.cluster.analysis.TsneOptions;

/**
 * Settings of the clustering worker. The run's spec decides k, t-SNE's perplexity and UMAP's neighbours; these
 * are the algorithms' other knobs, defaulted as scikit-learn and umap-learn.
 */
@ConfigMapping(prefix = "songspace.cluster")
public interface ClusterConfig {

    /** K-Means settings ({@code songspace.cluster.kmeans.*}); k itself comes from the run's spec. */
    KMeans kmeans();

    /** Barnes-Hut t-SNE settings ({@code songspace.cluster.tsne.*}); the perplexity comes from the run's spec. */
    Tsne tsne();

    /** UMAP settings ({@code songspace.cluster.umap.*}); the neighbour count comes from the run's spec. */
    Umap umap();

    interface KMeans {
        /** Independent k-means++ starts; the partition with the lowest distortion is kept (scikit-learn n_init). */
        @WithDefault("10")
        int restarts();

        /** Lloyd iterations per start at most (scikit-learn max_iter). */
        @WithDefault("300")
        int maxIterations();

        /** Stop when the mean squared distance to the centroids improves by less than this. */
        @WithDefault("1e-4")
        double tolerance();
    }

    interface Tsne {
        /** Gradient-descent iterations at most (scikit-learn's n_iter); the first 250 exaggerated. */
        @WithDefault("1000")
        int maxIterations();

        /** Learning rate; 0 is scikit-learn's "auto", max(n / early exaggeration / 4, 50). */
        @WithDefault("0")
        double learningRate();

        /** Early exaggeration of the attractive forces during the first 250 iterations. */
        @WithDefault("12")
        double earlyExaggeration();

        /** Barnes-Hut opening angle (scikit-learn's angle); 0 computes the exact O(n²) gradient. */
        @WithDefault("0.5")
        double theta();

        /** These settings with the run's perplexity, from a PCA layout as scikit-learn's default. */
        default TsneOptions options(double perplexity) {
            return new TsneOptions(perplexity, maxIterations(), learningRate(), earlyExaggeration(), theta(),
                    TsneOptions.Init.PCA);
        }
    }

    interface Umap {
        /** Optimisation epochs (umap-learn uses 500 below 10,000 samples). */
        @WithDefault("500")
        int epochs();

        /** Smallest distance between embedded points. */
        @WithDefault("0.1")
        double minDist();

        /** Scale of the embedded clusters, with minDist. */
        @WithDefault("1.0")
        double spread();

        /** Negative (repulsive) samples per positive sample. */
        @WithDefault("5")
        int negativeSamples();

        /** Initial learning rate of the stochastic gradient descent. */
        @WithDefault("1.0")
        double learningRate();

        /** Weight of the repulsive forces. */
        @WithDefault("1.0")
        double repulsionStrength();
    }
}
