package io.songspace.report.analysis;

import io.songspace.report.analysis.RunAnalysis.SummaryRow;
import java.util.List;

/**
 * The study's summary table, {@code hard_task_summary_table.tex}: the PCA baseline, the Basic, convolutional and
 * multimodal VAEs and the best β-VAE, each with the run's algorithm, every metric a column, the best value of a
 * column in bold. A complete booktabs {@code table} environment to {@code \input}.
 */
public final class SummaryTable {

    /** The file name the study gave the table. */
    public static final String FILE = "hard_task_summary_table.tex";

    private SummaryTable() {
    }

    /** The summary table of {@code analysis}: its {@link RunAnalysis#summary()} rows. */
    public static String latex(RunAnalysis analysis) {
        return latex(analysis.summary());
    }

    /** The summary table of {@code rows}; a missing value is a dash, every method name is escaped. */
    public static String latex(List<SummaryRow> rows) {
        Metric[] metrics = Metric.values();
        // every row is the same algorithm's (the analysis's); the method name spells it
        String algorithm = rows.isEmpty() ? "the same algorithm"
                : Latex.escape(rows.getFirst().row().algorithmName());
        StringBuilder tex = new StringBuilder();
        tex.append("% The study's summary table, written by songspace. Needs \\usepackage{booktabs}.\n")
                .append("\\begin{table}[ht]\n\\centering\n")
                .append("\\caption{Summary: the PCA baseline, the Basic, convolutional and multimodal VAEs and the "
                        + "$\\beta$-VAE with the highest silhouette among the $\\beta$ sweep "
                        + "(\\texttt{beta\\_vae\\_*}), each clustered with " + algorithm
                        + " (best value per column in bold; a dash where a metric does not apply).}\n")
                .append("\\label{tab:hard_task_summary}\n")
                .append("\\begin{tabular}{l").append("r".repeat(metrics.length)).append("}\n\\toprule\nMethod");
        for (Metric m : metrics) {
            tex.append(" & ").append(m.latexHeading());
        }
        tex.append(" \\\\\n\\midrule\n");
        for (SummaryRow r : rows) {
            tex.append(Latex.escape(r.row().method()));
            for (Metric m : metrics) {
                Double v = r.row().metrics().get(m);
                String text = v == null ? "--" : m.format(v);
                // bold only where there is something to beat; values equal as shown are all best
                boolean best = v != null && rows.size() > 1 && m.format(best(rows, m)).equals(text);
                tex.append(" & ").append(best ? "\\textbf{" + text + "}" : text);
            }
            tex.append(" \\\\\n");
        }
        tex.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
        return tex.toString();
    }

    private static double best(List<SummaryRow> rows, Metric m) {
        return rows.stream().map(r -> r.row().metrics().get(m)).filter(v -> v != null)
                .reduce((a, b) -> m.better(a, b) ? a : b).orElseThrow();
    }
}
