package io.songspace.report.report;

import io.songspace.common.artifacts.MetricRow;
import io.songspace.report.analysis.Latex;
import io.songspace.report.analysis.Metric;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The metrics table as the study wrote it: {@code clustering_metrics.csv} and a booktabs LaTeX table. */
final class MetricTables {

    /** The study's easy-level CSV header, column for column. */
    static final List<String> EASY_CSV_HEADER = List.of("method", "silhouette", "calinski_harabasz",
            "davies_bouldin", "ARI", "NMI", "purity");
    /** The study's medium and hard CSV header: the easy columns, then the cluster and noise counts. */
    static final List<String> CSV_HEADER = List.of("method", "silhouette", "calinski_harabasz", "davies_bouldin",
            "ARI", "NMI", "purity", "n_clusters", "n_noise");

    /** A metric column: its LaTeX and HTML headings, which way is better, how many decimals it is shown with. */
    record Column(String latex, String html, boolean higherIsBetter, int decimals, Function<MetricRow, Double> value) {

        String format(double v) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }

        /** The best value of the column over {@code rows}, or null where none has it. */
        Double best(List<MetricRow> rows) {
            return rows.stream().map(value).filter(v -> v != null)
                    .reduce((a, b) -> higherIsBetter ? Math.max(a, b) : Math.min(a, b)).orElse(null);
        }
    }

    static final List<Column> COLUMNS = Arrays.stream(Metric.values())
            .map(m -> new Column(m.latexHeading(), m.htmlHeading(), m.higherIsBetter(), m.decimals(), m::of))
            .toList();

    private MetricTables() {
    }

    /** The easy level's table: one row per metric row, the seven columns; a metric that does not apply is empty. */
    static String easyCsv(List<MetricRow> rows) {
        return csv(EASY_CSV_HEADER, rows);
    }

    /** Every row with its cluster and noise counts (medium and hard). */
    static String csv(List<MetricRow> rows) {
        return csv(CSV_HEADER, rows);
    }

    private static String csv(List<String> header, List<MetricRow> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(String[]::new)).setRecordSeparator("\n").get())) {
            for (MetricRow r : rows) {
                List<Object> cells = new ArrayList<>(List.of(r.method(), cell(r.silhouette()),
                        cell(r.calinskiHarabasz()), cell(r.daviesBouldin()), cell(r.ari()), cell(r.nmi()),
                        cell(r.purity()), r.clusters(), r.noise()));
                csv.printRecord(cells.subList(0, header.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The multimodal benefit's CSV header: per algorithm and metric, both models' values and the gain. */
    static final List<String> BENEFIT_CSV_HEADER = List.of("algorithm", "metric", "VAE_basic", "VAE_multimodal",
            "gain");

    /**
     * The multimodal benefit: for every algorithm that clustered both the Basic VAE's ({@code basic}) and the
     * multimodal VAE's ({@code multimodal}) latents, each metric of both and the gain, signed so that a positive
     * gain is an improvement (Davies-Bouldin, lower is better, counts its decrease). Empty when either is missing.
     */
    static String benefitCsv(List<MetricRow> rows, String basic, String multimodal) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(BENEFIT_CSV_HEADER.toArray(String[]::new)).setRecordSeparator("\n").get())) {
            for (MetricRow b : rows) {
                if (!basic.equals(b.features())) {
                    continue;
                }
                MetricRow m = rows.stream().filter(r -> multimodal.equals(r.features())
                        && b.algorithm().equals(r.algorithm())).findFirst().orElse(null);
                if (m == null) {
                    continue;
                }
                for (Column c : COLUMNS) {
                    Double vb = c.value().apply(b);
                    Double vm = c.value().apply(m);
                    Double gain = vb == null || vm == null ? null : c.higherIsBetter() ? vm - vb : vb - vm;
                    csv.printRecord(b.algorithm(), c.html().replaceAll(" [↑↓]$", ""), cell(vb), cell(vm), cell(gain));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A booktabs table with the best value of each column in bold; a missing value is a dash. */
    static String latex(List<MetricRow> rows) {
        StringBuilder tex = new StringBuilder();
        tex.append("% Clustering metrics, written by songspace. Needs \\usepackage{booktabs}.\n")
                .append("\\begin{table}[ht]\n\\centering\n")
                .append("\\caption{Clustering metrics (best value per column in bold).}\n")
                .append("\\label{tab:clustering_metrics}\n")
                .append("\\begin{tabular}{l").append("r".repeat(COLUMNS.size())).append("}\n\\toprule\nMethod");
        for (Column c : COLUMNS) {
            tex.append(" & ").append(c.latex());
        }
        tex.append(" \\\\\n\\midrule\n");
        for (MetricRow r : rows) {
            tex.append(Latex.escape(r.method()));
            for (Column c : COLUMNS) {
                Double v = c.value().apply(r);
                String text = v == null ? "--" : c.format(v);
                tex.append(" & ").append(v != null && rows.size() > 1 && v.equals(c.best(rows)) ? "\\textbf{" + text + "}" : text);
            }
            tex.append(" \\\\\n");
        }
        tex.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
        return tex.toString();
    }

    private static String cell(Double v) {
        return v == null ? "" : Double.toString(v);
    }
}
