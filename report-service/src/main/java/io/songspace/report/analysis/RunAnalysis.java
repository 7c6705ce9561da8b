package io.songspace.report.analysis;

import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.events.ModelSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The study's analyses of one run, written as {@code analysis.json}: the top methods, the best algorithm per feature
 * set, the algorithms and the VAE architectures compared, the multimodal benefit, the β sweep, the rows of the
 * summary table and a few findings in words. Every section copes with what a run lacks: a value that does not apply
 * is null, a section without data is empty ({@code beta} null without a β sweep, {@code top.byAri} null in an
 * unlabelled run).
 *
 * @param labelled whether the tracks carry labels (ARI, NMI and purity need them)
 * @param algorithm the algorithm whose row stands for a feature set where one row per set is compared (K-Means,
 *         or the first algorithm of a run without it, as the report's easy figures)
 */
public record RunAnalysis(boolean labelled, String algorithm, TopMethods top, List<FeatureSetBest> bestPerFeatureSet,
        List<AlgorithmSummary> algorithms, List<ModelRow> architectures, List<Benefit> benefits, BetaAnalysis beta,
        List<SummaryRow> summary, List<String> findings) {

    /** How many rows the top lists keep. */
    static final int TOP = 10;
    /** The study's caution about its own ranking. */
    static final String CAUTION = "Silhouette is measured in each feature set's own space (raw MFCCs, PCA "
            + "components, latents of different sizes), so it ranks how compact each clustering is there, not which "
            + "space groups the tracks best; ARI against the labels compares them on one scale.";
    /** The text stage's feature sets (the cluster-service's ids): the text vectors, audio beside text. */
    static final String TEXT_ONLY = "text";
    static final String AUDIO_TEXT = "audio_text";
    static final String PCA = "pca";
    /** The β of a model that does not set one: the training default. */
    private static final double DEFAULT_BETA = 1.0;

    /** The metrics of one row; null where a metric does not apply. */
    public record Metrics(Double silhouette, Double calinskiHarabasz, Double daviesBouldin, Double ari, Double nmi,
            Double purity) {

        static Metrics of(MetricRow r) {
            return new Metrics(r.silhouette(), r.calinskiHarabasz(), r.daviesBouldin(), r.ari(), r.nmi(), r.purity());
        }

        /** The value of {@code m}. */
        public Double get(Metric m) {
            return switch (m) {
                case SILHOUETTE -> silhouette;
                case CALINSKI_HARABASZ -> calinskiHarabasz;
                case DAVIES_BOULDIN -> daviesBouldin;
                case ARI -> ari;
                case NMI -> nmi;
                case PURITY -> purity;
            };
        }
    }

    /** One clustering as the analyses show it: the index's row without its parameters and assignments. */
    public record Entry(String method, String features, String algorithm, int clusters, int noise, Metrics metrics) {

        static Entry of(MetricRow r) {
            return new Entry(r.method(), r.features(), r.algorithm(), r.clusters(), r.noise(), Metrics.of(r));
        }

        /** The algorithm as the method name spells it ({@code K-Means}); feature-set names may hold a '+'. */
        String algorithmName() {
            return method.substring(method.lastIndexOf('+') + 1);
        }
    }

    /** The study's ranking by silhouette and, when labelled, by ARI (null otherwise), with its caution. */
    public record TopMethods(List<Entry> bySilhouette, List<Entry> byAri, String caution) {
    }

    /** The best algorithm of one feature set by silhouette and by ARI (null where no row has the metric). */
    public record FeatureSetBest(String features, String name, String bySilhouette, Double silhouette, String byAri,
            Double ari) {
    }

    /** One metric over an algorithm's rows: the best value and the mean of those that have it, and how many. */
    public record MetricSummary(Double best, Double mean, int rows) {
    }

    /** One algorithm over every feature set: per metric key ({@link Metric#key()}) its best and mean. */
    public record AlgorithmSummary(String algorithm, int rows, Map<String, MetricSummary> metrics) {
    }

    /** A model's row of the run's {@code algorithm}. */
    public record ModelRow(String model, String architecture, double beta, Entry row) {
    }

    /**
     * A feature set against the Basic VAE with one algorithm and metric: both values and the change in %, signed
     * so that positive is better ({@link Metric#percentGain}); null where either value is missing.
     */
    public record Benefit(String candidate, String baseline, String algorithm, String metric, Double baselineValue,
            Double value, Double percent) {
    }

    /**
     * One β of the sweep: its model's row of the run's {@code algorithm} (null if it has none), the final epoch's
     * reconstruction and KL, the latents' disentanglement; {@code reference} marks β = 1, the Basic VAE's loss.
     */
    public record BetaRow(String model, double beta, boolean reference, Entry row, Double finalReconstruction,
            Double finalKl, ClusteringIndex.Disentanglement disentanglement) {
    }

    /** The β sweep: one row per β, ascending, and per metric key the β whose row is best (null if none has it). */
    public record BetaAnalysis(List<BetaRow> betas, Map<String, Double> bestBeta) {
    }

    /** A row of the summary table: its role (PCA baseline, VAE basic, …) and the clustering. */
    public record SummaryRow(String role, Entry row) {
    }

    /**
     * The analyses of a run from its clustering index, its models' histories (matched by model id) and its models
     * (a model without architecture is a Basic VAE, one without β has the default β = 1).
     */
    public static RunAnalysis of(ClusteringIndex index, List<TrainingHistory> histories, List<ModelSpec> models,
            boolean labelled) {
        List<MetricRow> rows = index.rows() == null ? List.of() : index.rows();
        String algorithm = rows.stream().map(MetricRow::algorithm).filter(AlgorithmSpec.KMEANS::equals).findFirst()
                .orElse(rows.isEmpty() ? null : rows.getFirst().algorithm());
        Map<String, String> names = new LinkedHashMap<>();
        if (index.featureSets() != null) {
            index.featureSets().forEach(f -> names.put(f.id(), f.name()));
        }
        Runs run = new Runs(rows, algorithm, names, models);

        TopMethods top = new TopMethods(top(rows, Metric.SILHOUETTE), labelled ? top(rows, Metric.ARI) : null,
                CAUTION);
        List<ModelRow> architectures = run.architectures();
        List<Benefit> benefits = run.benefits();
        BetaAnalysis beta = run.beta(histories, index.disentanglement());
        List<SummaryRow> summary = run.summary();
        List<String> findings = Findings.of(top, run, benefits, beta, labelled);
        return new RunAnalysis(labelled, algorithm, top, bestPerFeatureSet(rows, names, labelled),
                algorithms(rows), architectures, benefits, beta, summary, findings);
    }

    private static List<Entry> top(List<MetricRow> rows, Metric m) {
        return rows.stream().filter(r -> m.of(r) != null)
                .sorted(Comparator.comparing((MetricRow r) -> m.of(r), m.higherIsBetter()
                        ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder()))
                .limit(TOP).map(Entry::of).toList();
    }

    /** The best of {@code rows} on {@code m} (the first of equals), or null where none has it. */
    static MetricRow best(List<MetricRow> rows, Metric m) {
        MetricRow best = null;
        for (MetricRow r : rows) {
            Double v = m.of(r);
            if (v != null && (best == null || m.better(v, m.of(best)))) {
                best = r;
            }
        }
        return best;
    }

    private static List<FeatureSetBest> bestPerFeatureSet(List<MetricRow> rows, Map<String, String> names,
            boolean labelled) {
        List<FeatureSetBest> out = new ArrayList<>();
        for (String features : distinct(rows, MetricRow::features)) {
            List<MetricRow> set = rows.stream().filter(r -> r.features().equals(features)).toList();
            MetricRow bySilhouette = best(set, Metric.SILHOUETTE);
            MetricRow byAri = labelled ? best(set, Metric.ARI) : null;
            out.add(new FeatureSetBest(features, names.get(features),
                    bySilhouette == null ? null : bySilhouette.algorithm(),
                    bySilhouette == null ? null : bySilhouette.silhouette(),
                    byAri == null ? null : byAri.algorithm(), byAri == null ? null : byAri.ari()));
        }
        return List.copyOf(out);
    }

    private static List<AlgorithmSummary> algorithms(List<MetricRow> rows) {
        List<AlgorithmSummary> out = new ArrayList<>();
        for (String algorithm : distinct(rows, MetricRow::algorithm)) {
            List<MetricRow> of = rows.stream().filter(r -> r.algorithm().equals(algorithm)).toList();
            Map<String, MetricSummary> metrics = new LinkedHashMap<>();
            for (Metric m : Metric.values()) {
                List<Double> values = of.stream().map(m::of).filter(Objects::nonNull).toList();
                MetricRow best = best(of, m);
                metrics.put(m.key(), new MetricSummary(best == null ? null : m.of(best),
                        values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average()
                                .orElseThrow(), values.size()));
            }
            out.add(new AlgorithmSummary(algorithm, of.size(), Collections.unmodifiableMap(metrics)));
        }
        return List.copyOf(out);
    }

    private static List<String> distinct(List<MetricRow> rows, Function<MetricRow, String> key) {
        return List.copyOf(rows.stream().map(key).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The run's rows and models, and how the analyses find one model's row. */
    record Runs(List<MetricRow> rows, String algorithm, Map<String, String> names, List<ModelSpec> models) {

        static String architecture(ModelSpec m) {
            return m.architecture() == null ? ModelSpec.VAE : m.architecture();
        }

        static double beta(ModelSpec m) {
            return m.beta() == null ? DEFAULT_BETA : m.beta();
        }

        /** The row of {@code features} with the run's algorithm, or null. */
        MetricRow row(String features) {
            return rows.stream().filter(r -> r.features().equals(features) && r.algorithm().equals(algorithm))
                    .findFirst().orElse(null);
        }

        /** The feature set's name as the study's method names spell it, the id where the index has none. */
        String name(String features) {
            return names.getOrDefault(features, features);
        }

        /** The first model of {@code architecture}; for the Basic VAE the first with β = 1 (not a β-VAE). */
        ModelSpec first(String architecture) {
            return models.stream().filter(m -> architecture.equals(architecture(m)))
                    .filter(m -> !ModelSpec.VAE.equals(architecture) || beta(m) == DEFAULT_BETA)
                    .findFirst().orElse(null);
        }

        List<ModelRow> architectures() {
            List<ModelRow> out = new ArrayList<>();
            for (String architecture : ModelSpec.ARCHITECTURES) {
                ModelSpec m = first(architecture);
                MetricRow r = m == null ? null : row(m.id());
                if (r != null) {
                    out.add(new ModelRow(m.id(), architecture, beta(m), Entry.of(r)));
                }
            }
            return List.copyOf(out);
        }

        /** The multimodal VAE, the text vectors and audio beside text, each against the Basic VAE. */
        List<Benefit> benefits() {
            ModelSpec basic = first(ModelSpec.VAE);
            if (basic == null) {
                return List.of();
            }
            ModelSpec multimodal = first(ModelSpec.MULTIMODAL_VAE);
            List<String> candidates = new ArrayList<>();
            if (multimodal != null) {
                candidates.add(multimodal.id());
            }
            candidates.addAll(List.of(TEXT_ONLY, AUDIO_TEXT));
            List<Benefit> out = new ArrayList<>();
            for (String candidate : candidates) {
                for (MetricRow b : rows) {
                    if (!b.features().equals(basic.id())) {
                        continue;
                    }
                    rows.stream().filter(r -> r.features().equals(candidate) && r.algorithm().equals(b.algorithm()))
                            .findFirst().ifPresent(c -> {
                                for (Metric m : Metric.values()) {
                                    out.add(new Benefit(name(candidate), name(basic.id()), b.algorithm(), m.key(),
                                            m.of(b), m.of(c), m.percentGain(m.of(b), m.of(c))));
                                }
                            });
                }
            }
            return List.copyOf(out);
        }

        /**
         * The β sweep: the Basic-VAE-architecture models, one per β (the sweep's own {@code beta_vae_β} where a
         * Basic VAE shares its β); null with fewer than two different β.
         */
        BetaAnalysis beta(List<TrainingHistory> histories, List<ClusteringIndex.Disentanglement> disentanglement) {
            Map<Double, ModelSpec> byBeta = new LinkedHashMap<>();
            for (ModelSpec m : models) {
                if (ModelSpec.VAE.equals(architecture(m))) {
                    byBeta.merge(beta(m), m, (a, b) -> b.id().equals(ModelSpec.betaVaeId(beta(b))) ? b : a);
                }
            }
            if (byBeta.size() < 2) {
                return null;
            }
            List<BetaRow> betas = new ArrayList<>();
            byBeta.keySet().stream().sorted().forEach(beta -> {
                ModelSpec m = byBeta.get(beta);
                MetricRow r = row(m.id());
                TrainingHistory.Epoch last = histories == null ? null : histories.stream()
                        .filter(h -> m.id().equals(h.model()) && h.epochs() != null && !h.epochs().isEmpty())
                        .map(h -> h.epochs().getLast()).findFirst().orElse(null);
                ClusteringIndex.Disentanglement d = disentanglement == null ? null : disentanglement.stream()
                        .filter(x -> m.id().equals(x.model())).findFirst().orElse(null);
                betas.add(new BetaRow(m.id(), beta, beta == DEFAULT_BETA, r == null ? null : Entry.of(r),
                        last == null ? null : last.reconstruction(), last == null ? null : last.kl(), d));
            });
            Map<String, Double> bestBeta = new LinkedHashMap<>();
            for (Metric metric : Metric.values()) {
                BetaRow best = null;
                for (BetaRow b : betas) {
                    Double v = b.row() == null ? null : b.row().metrics().get(metric);
                    if (v != null && (best == null || metric.better(v, best.row().metrics().get(metric)))) {
                        best = b;
                    }
                }
                bestBeta.put(metric.key(), best == null ? null : best.beta());
            }
            return new BetaAnalysis(List.copyOf(betas), Collections.unmodifiableMap(bestBeta));
        }

        /**
         * The summary table's rows: the PCA baseline, the Basic, convolutional and multimodal VAEs and the β-VAE
         * ({@code beta_vae_*}) with the highest silhouette, each with the run's algorithm; missing ones are left out.
         */
        List<SummaryRow> summary() {
            List<SummaryRow> out = new ArrayList<>();
            add(out, "PCA baseline", row(PCA));
            add(out, "VAE basic", modelRow(first(ModelSpec.VAE)));
            add(out, "VAE conv", modelRow(first(ModelSpec.CONV_VAE)));
            add(out, "VAE multimodal", modelRow(first(ModelSpec.MULTIMODAL_VAE)));
            List<MetricRow> betaRows = models.stream().filter(m -> m.id().startsWith("beta_vae_"))
                    .map(this::modelRow).filter(Objects::nonNull).toList();
            add(out, "best beta-VAE", best(betaRows, Metric.SILHOUETTE));
            return List.copyOf(out);
        }

        private MetricRow modelRow(ModelSpec m) {
            return m == null ? null : row(m.id());
        }

        private static void add(List<SummaryRow> out, String role, MetricRow r) {
            if (r != null) {
                out.add(new SummaryRow(role, Entry.of(r)));
            }
        }
    }
}
