package io.songspace.report.analysis;

import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.events.ModelSpec;
import io.songspace.report.analysis.RunAnalysis.BetaAnalysis;
import io.songspace.report.analysis.RunAnalysis.BetaRow;
import io.songspace.report.analysis.RunAnalysis.Benefit;
import io.songspace.report.analysis.RunAnalysis.Entry;
import io.songspace.report.analysis.RunAnalysis.Runs;
import io.songspace.report.analysis.RunAnalysis.TopMethods;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analyses' key findings in words, each with its numbers. A sentence says what the numbers show and no more:
 * a comparison names both values and the difference; a relation over a handful of β models is described, not
 * tested.
 */
final class Findings {

    private Findings() {
    }

    static List<String> of(TopMethods top, Runs run, List<Benefit> benefits, BetaAnalysis beta, boolean labelled) {
        List<String> out = new ArrayList<>();
        if (!top.bySilhouette().isEmpty()) {
            Entry e = top.bySilhouette().getFirst();
            out.add("The highest silhouette is " + e.method() + "'s (" + value(Metric.SILHOUETTE, e)
                    + "); silhouette is measured in each feature set's own space, so this ranks compactness there.");
        }
        if (labelled && top.byAri() != null && !top.byAri().isEmpty()) {
            Entry e = top.byAri().getFirst();
            out.add("The highest ARI (agreement with the labels) is " + e.method() + "'s (" + value(Metric.ARI, e)
                    + ").");
        }
        vaeAgainstPca(run, Metric.SILHOUETTE, out);
        if (labelled) {
            vaeAgainstPca(run, Metric.ARI, out);
        }
        if (beta != null) {
            disentanglement(beta, labelled ? Metric.ARI : Metric.SILHOUETTE, out);
        }
        multimodal(run, benefits, out);
        return List.copyOf(out);
    }

    /** The models' best row of the run's algorithm on {@code m} against the PCA baseline's. */
    private static void vaeAgainstPca(Runs run, Metric m, List<String> out) {
        MetricRow pca = run.row(RunAnalysis.PCA);
        Set<String> ids = run.models().stream().map(ModelSpec::id).collect(Collectors.toSet());
        MetricRow vae = RunAnalysis.best(run.rows().stream()
                .filter(r -> ids.contains(r.features()) && r.algorithm().equals(run.algorithm())).toList(), m);
        if (pca == null || vae == null || m.of(pca) == null) {
            return;
        }
        double v = m.of(vae);
        double p = m.of(pca);
        String algorithm = Entry.of(vae).algorithmName();
        String relation = v == p ? "the same as" : (m.better(v, p) ? "better than" : "worse than");
        out.add("With " + algorithm + ", the best VAE on " + m.label() + ", " + run.name(vae.features()) + " ("
                + m.format(v) + "), is " + relation + " the PCA baseline (" + m.format(p) + "): a difference of "
                + signed(v - p, m.decimals()) + ".");
    }

    /**
     * The sign of the Spearman rank correlation between the β models' mean |off-diagonal correlation| and their
     * clustering on {@code m}: negative means less correlated (more disentangled) latents went with better scores.
     */
    private static void disentanglement(BetaAnalysis beta, Metric m, List<String> out) {
        List<BetaRow> both = beta.betas().stream().filter(b -> b.disentanglement() != null && b.row() != null
                && b.row().metrics().get(m) != null).toList();
        if (both.isEmpty()) {
            return;
        }
        String algorithm = both.getFirst().row().algorithmName();
        if (both.size() < 3) {
            out.add("Only " + both.size() + " β model(s) have both a disentanglement measure and a " + m.label()
                    + " with " + algorithm + ": too few to relate the two.");
            return;
        }
        double[] corr = both.stream().mapToDouble(b -> b.disentanglement().meanAbsOffDiagonalCorrelation()).toArray();
        double[] score = both.stream().mapToDouble(b -> b.row().metrics().get(m)).toArray();
        double rho = spearman(corr, score);
        String betas = both.stream().map(b -> trim(b.beta())).collect(Collectors.joining(", "));
        String start = "Across the " + both.size() + " β models (β = " + betas + "), ";
        if (Double.isNaN(rho)) {
            out.add(start + "the mean |off-diagonal correlation| or the " + m.label() + " with " + algorithm
                    + " does not vary, so the two cannot be related.");
            return;
        }
        String reading = rho < 0 ? "less correlated (more disentangled) latents went with a higher " + m.label()
                : rho > 0 ? "less correlated (more disentangled) latents went with a lower " + m.label()
                : "the two show no monotone relation";
        out.add(start + "the Spearman rank correlation between the latents' mean |off-diagonal correlation| and the "
                + m.label() + " with " + algorithm + " is " + RunAnalysis.format(rho, 4) + ": " + reading + "; over "
                + both.size() + " models this describes the sweep, it does not test a relation.");
    }

    /** The multimodal VAE's change against the Basic VAE with the run's algorithm, every metric that both have. */
    private static void multimodal(Runs run, List<Benefit> benefits, List<String> out) {
        ModelSpec multimodal = run.first(ModelSpec.MULTIMODAL_VAE);
        if (multimodal == null) {
            return;
        }
        String name = run.name(multimodal.id());
        List<String> parts = new ArrayList<>();
        String baseline = null;
        for (Benefit b : benefits) {
            if (b.candidate().equals(name) && b.algorithm().equals(run.algorithm()) && b.percent() != null) {
                Metric m = Arrays.stream(Metric.values()).filter(x -> x.key().equals(b.metric())).findFirst()
                        .orElseThrow();
                parts.add(m.label() + " " + String.format(Locale.ROOT, "%+.2f%%", b.percent()));
                baseline = b.baseline();
            }
        }
        if (!parts.isEmpty()) {
            out.add(name + " against " + baseline + " with " + Entry.of(run.row(multimodal.id())).algorithmName()
                    + ": " + String.join(", ", parts)
                    + " (positive = better; a lower Davies-Bouldin counts as positive).");
        }
    }

    private static String value(Metric m, Entry e) {
        return m.format(e.metrics().get(m));
    }

    private static String signed(double v, int decimals) {
        return String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    /** β as the sweep writes it: 0.5, 1, 4, 10. */
    private static String trim(double beta) {
        return beta == Math.rint(beta) ? Long.toString((long) beta) : Double.toString(beta);
    }

    /** Spearman's ρ: Pearson's correlation of the ranks (ties get their mean rank); NaN where one does not vary. */
    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElseThrow();
        double my = Arrays.stream(ry).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            int equal = 0;
            for (double w : v) {
                below += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }
}
