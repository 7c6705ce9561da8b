package io.songspace.cluster.algorithm;

import io.songspace.cluster.analysis.Clusters;
import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.registry.Named;

/**
 * A clustering algorithm a run spec names ({@link AlgorithmSpec#name()}). Every one returns the same shape:
 * {@link Clusters} (labels, -1 = noise) and how it was set. One class per algorithm, a CDI bean: the registry
 * ({@link ClusterAlgorithms}) finds every one.
 */
public interface ClusterAlgorithm extends Named {

    /** The name in the study's method names ({@code K-Means}, {@code Agglomerative}, {@code DBSCAN}). */
    String displayName();

    /**
     * Clusters {@code x}. Runs on the calling thread only (Smile's seeds are per thread).
     *
     * @param k the run's cluster count, for the algorithms that take one
     */
    Fitted fit(double[][] x, AlgorithmSpec spec, int k, long seed);

    /** A clustering and the settings it was made with ({@code eps=1.5988 (knee), minSamples=5}). */
    record Fitted(Clusters clusters, String parameters) {
    }
}
