package io.songspace.report.report;

import static io.songspace.report.report.ReportPage.esc;

import io.songspace.report.analysis.Metric;
import io.songspace.report.analysis.RunAnalysis;
import java.util.List;
import java.util.Locale;

/** The page's sections of the run's analyses ({@link RunAnalysis}, also written as {@code analysis.json}). */
final class AnalysisSections {

    private AnalysisSections() {
    }

    static void render(StringBuilder h, RunAnalysis a) {
        h.append("<h2>Top methods</h2>\n<p class=\"sub\">").append(esc(a.top().caution())).append("</p>\n")
                .append("<div class=\"pair\">\n");
        topTable(h, "by silhouette", a.top().bySilhouette());
        if (a.top().byAri() != null) {
            topTable(h, "by ARI", a.top().byAri());
        }
        h.append("</div>\n");

        h.append("<h2>Best algorithm per feature set</h2>\n<table>\n<tr><th>feature set</th>")
                .append("<th>by silhouette</th><th>silhouette</th><th>by ARI</th><th>ARI</th></tr>\n");
        for (RunAnalysis.FeatureSetBest b : a.bestPerFeatureSet()) {
            h.append("<tr><td>").append(esc(b.name())).append("</td><td>").append(esc(b.bySilhouette()))
                    .append("</td>").append(num(b.silhouette(), 4)).append("<td>").append(esc(b.byAri()))
                    .append("</td>").append(num(b.ari(), 4)).append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Algorithms compared</h2>\n<p class=\"sub\">best / mean of each metric over the feature sets"
                + "</p>\n<table>\n<tr><th>algorithm</th><th>rows</th>");
        for (Metric m : Metric.values()) {
            h.append("<th>").append(esc(m.htmlHeading())).append("</th>");
        }
        h.append("</tr>\n");
        for (RunAnalysis.AlgorithmSummary s : a.algorithms()) {
            h.append("<tr><td>").append(esc(s.algorithm())).append("</td><td class=\"num\">").append(s.rows())
                    .append("</td>");
            for (Metric m : Metric.values()) {
                RunAnalysis.MetricSummary v = s.metrics().get(m.key());
                h.append(v == null || v.best() == null ? "<td class=\"num\">–</td>" : "<td class=\"num\">"
                        + m.format(v.best()) + " / " + m.format(v.mean()) + "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        if (a.architectures().size() > 1) {
            h.append("<h2>VAE architectures</h2>\n<table>\n<tr><th>model</th><th>architecture</th>");
            metricHeadings(h);
            for (RunAnalysis.ModelRow m : a.architectures()) {
                h.append("<tr><td>").append(esc(m.model())).append("</td><td>").append(esc(m.architecture()))
                        .append("</td>");
                metricCells(h, m.row());
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }

        if (!a.benefits().isEmpty()) {
            h.append("<h2>Multimodal benefit</h2>\n<p class=\"sub\">change against VAE_basic in %, positive = better ")
                    .append("(Davies-Bouldin counts its decrease)</p>\n<table>\n<tr><th>feature set</th>")
                    .append("<th>algorithm</th><th>metric</th><th>VAE_basic</th><th>value</th><th>change</th></tr>\n");
            for (RunAnalysis.Benefit b : a.benefits()) {
                h.append("<tr><td>").append(esc(b.candidate())).append("</td><td>").append(esc(b.algorithm()))
                        .append("</td><td>").append(esc(b.metric())).append("</td>").append(num(b.baselineValue(), 4))
                        .append(num(b.value(), 4)).append("<td class=\"num\">")
                        .append(b.percent() == null ? "–" : String.format(Locale.ROOT, "%+.1f %%", b.percent()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        if (a.beta() != null) {
            h.append("<h2>β analysis</h2>\n<p class=\"sub\">").append(esc(a.algorithm()))
                    .append(" rows per β; final-epoch reconstruction and KL; mean |off-diagonal correlation| of the ")
                    .append("latent means; β = 1 is the reference</p>\n<table>\n<tr><th>β</th>");
            metricHeadings(h, "<th>reconstruction</th><th>KL</th><th>mean |corr|</th><th>active &gt; 0.01</th>");
            for (RunAnalysis.BetaRow b : a.beta().betas()) {
                h.append("<tr><td>").append(b.beta()).append(b.reference() ? " (reference)" : "").append("</td>");
                metricCells(h, b.row());
                h.append(num(b.finalReconstruction(), 3)).append(num(b.finalKl(), 3))
                        .append(num(b.disentanglement() == null ? null
                                : b.disentanglement().meanAbsOffDiagonalCorrelation(), 4))
                        .append("<td class=\"num\">").append(b.disentanglement() == null ? "–"
                                : Integer.toString(b.disentanglement().activeDimensions01()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n<p>Best β: ");
            h.append(esc(String.join(", ", a.beta().bestBeta().entrySet().stream()
                    .filter(e -> e.getValue() != null).map(e -> e.getKey() + " " + e.getValue()).toList())));
            h.append("</p>\n");
        }
    }

    private static void topTable(StringBuilder h, String caption, List<RunAnalysis.Entry> entries) {
        h.append("<table>\n<caption>").append(esc(caption)).append("</caption>\n<tr><th>#</th><th>method</th>")
                .append("<th>silhouette</th><th>ARI</th></tr>\n");
        for (int i = 0; i < entries.size(); i++) {
            RunAnalysis.Entry e = entries.get(i);
            h.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(esc(e.method()))
                    .append("</td>").append(num(e.metrics().silhouette(), 4)).append(num(e.metrics().ari(), 4))
                    .append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void metricHeadings(StringBuilder h, String... more) {
        for (Metric m : Metric.values()) {
            h.append("<th>").append(esc(m.htmlHeading())).append("</th>");
        }
        for (String th : more) {
            h.append(th);
        }
        h.append("</tr>\n");
    }

    private static void metricCells(StringBuilder h, RunAnalysis.Entry row) {
        for (Metric m : Metric.values()) {
            Double v = row == null ? null : row.metrics().get(m);
            h.append("<td class=\"num\">").append(v == null ? "–" : m.format(v)).append("</td>");
        }
    }

    private static String num(Double v, int decimals) {
        return "<td class=\"num\">" + (v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v))
                + "</td>";
    }
}
