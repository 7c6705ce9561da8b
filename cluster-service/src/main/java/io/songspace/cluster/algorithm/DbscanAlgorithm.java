package io.songspace.cluster.algorithm;

import io.songspace.cluster.analysis.DbscanClustering;
import io.songspace.cluster.analysis.DbscanEps;
import io.songspace.common.events.AlgorithmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * DBSCAN with scikit-learn's semantics; {@code eps} fixed, or chosen from the sorted distances to each track's
 * {@code minSamples}-th nearest neighbour: at the knee of that curve, or at its 90th percentile (the study's rule).
 */
@ApplicationScoped
public class DbscanAlgorithm implements ClusterAlgorithm {

    @Override
    public String name() {
        return AlgorithmSpec.DBSCAN;
    }

    @Override
    public String displayName() {
        return "DBSCAN";
    }

    @Override
    public Fitted fit(double[][] x, AlgorithmSpec spec, int k, long seed) {
        int minSamples = spec.minSamples();
        Double fixed = spec.fixedEps();
        double eps = fixed != null ? fixed
                : AlgorithmSpec.EPS_P90.equals(spec.eps()) ? DbscanEps.percentile(x, minSamples, 90)
                : DbscanEps.knee(x, minSamples);
        String rule = fixed != null ? "" : " (" + spec.eps() + ")";
        return new Fitted(DbscanClustering.fit(x, minSamples, eps),
                String.format(Locale.ROOT, "eps=%.4f%s, minSamples=%d", eps, rule, minSamples));
    }
}
