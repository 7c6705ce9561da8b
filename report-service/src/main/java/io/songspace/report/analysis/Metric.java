package io.songspace.report.analysis;

import io.songspace.common.artifacts.MetricRow;
import java.util.Locale;
import java.util.function.Function;

/**
 * The six clustering metrics of a {@link MetricRow}: their JSON key (as in the row), their names, which way is
 * better and how many decimals they are shown with. ARI, NMI and purity compare with the labels, so they are null
 * in an unlabelled run.
 */
public enum Metric {
    SILHOUETTE("silhouette", "Silhouette", "Silhouette", true, 4, MetricRow::silhouette),
    CALINSKI_HARABASZ("calinskiHarabasz", "Calinski-Harabasz", "Calinski--Harabasz", true, 1,
            MetricRow::calinskiHarabasz),
    DAVIES_BOULDIN("daviesBouldin", "Davies-Bouldin", "Davies--Bouldin", false, 4, MetricRow::daviesBouldin),
    ARI("ari", "ARI", "ARI", true, 4, MetricRow::ari),
    NMI("nmi", "NMI", "NMI", true, 4, MetricRow::nmi),
    PURITY("purity", "Purity", "Purity", true, 4, MetricRow::purity);

    private final String key;
    private final String label;
    private final String latex;
    private final boolean higherIsBetter;
    private final int decimals;
    private final Function<MetricRow, Double> value;

    Metric(String key, String label, String latex, boolean higherIsBetter, int decimals,
            Function<MetricRow, Double> value) {
        this.key = key;
        this.label = label;
        this.latex = latex;
        this.higherIsBetter = higherIsBetter;
        this.decimals = decimals;
        this.value = value;
    }

    /** The name of the metric in the JSON: the {@link MetricRow} component. */
    public String key() {
        return key;
    }

    /** The metric's name in plain text. */
    public String label() {
        return label;
    }

    /** The metric's column heading in LaTeX, with its arrow (↑ higher is better, ↓ lower). */
    public String latexHeading() {
        return latex + (higherIsBetter ? " $\\uparrow$" : " $\\downarrow$");
    }

    /** The metric's column heading in HTML, with its arrow. */
    public String htmlHeading() {
        return label + (higherIsBetter ? " ↑" : " ↓");
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public int decimals() {
        return decimals;
    }

    /** The metric of {@code row}, or null where it does not apply. */
    public Double of(MetricRow row) {
        return value.apply(row);
    }

    /** {@code v} with the metric's decimals. */
    public String format(double v) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return higherIsBetter ? a > b : a < b;
    }

    /**
     * The relative change from {@code baseline} to {@code value} in %, signed so that a positive change is an
     * improvement (a lower Davies-Bouldin counts as a gain); null where either is missing or the baseline is 0.
     */
    public Double percentGain(Double baseline, Double value) {
        if (baseline == null || value == null || baseline == 0) {
            return null;
        }
        double change = (value - baseline) / Math.abs(baseline) * 100;
        return higherIsBetter ? change : -change;
    }
}
