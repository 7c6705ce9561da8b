package io.songspace.cluster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * Settings of the clustering worker. The run's spec decides k, t-SNE's perplexity and UMAP's neighbours; these
 * are the algorithms' other knobs, defaulted as scikit-learn and umap-learn.
 */
@ConfigMapping(prefix = "songspace.cluster")
public interface ClusterConfig {

    /** K-Means settings ({@code songspace.cluster.kmeans.*}); k itself comes from the run's spec. */
    KMeans kmeans();

    /** Exact t-SNE settings ({@code songspace.cluster.tsne.*}); the perplexity comes from the run's spec. */
    Tsne tsne();

    /** UMAP settings ({@code songspace.cluster.umap.*}); the neighbour count comes from the run's spec. */
    Umap umap();

    /**
     * The models every run trains, as {@code songspace.trainer.models}: on startup a run is clustered only once
     * each of these (and each model with a training history) has latents, so a restart between two models'
     * training never clusters a run with some of its models missing.
     */
    @WithDefault("vae")
    List<String> models();

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
        /**
         * Gradient-descent iterations at most (Smile needs 250; the first 250 are exaggerated, so fewer than ~500
         * leave clusters unsettled; it stops early once the cost stops falling). Exact t-SNE costs O(n²) each.
         */
        @WithDefault("1000")
        int maxIterations();

        /** Learning rate (scikit-learn's former default). */
        @WithDefault("200")
        double learningRate();

        /** Early exaggeration of the attractive forces during the first 250 iterations. */
        @WithDefault("12")
        double earlyExaggeration();

        /**
         * Most tracks a run may have: exact t-SNE holds several n×n double matrices (20,000 tracks: 3.2 GB each),
         * so a larger run fails up front with a reason instead of running out of memory minutes in.
         */
        @WithDefault("20000")
        int maxPoints();
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
