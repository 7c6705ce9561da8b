package io.songspace.report.report;

import io.songspace.common.artifacts.ClusteringIndex;
import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.report.analysis.RunAnalysis;
import io.songspace.report.registry.RunView.StageView;
import io.songspace.report.registry.RunView;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report's {@code index.html}: one self-contained page (inline CSS, figures by relative file name) so that the
 * report folder works offline once downloaded, and raw artifacts linked relative to it ({@code ../features/…}).
 */
final class ReportPage {

    /** A figure of the page: its file next to index.html, a title and what it shows. */
    /** A figure of the page, in the section of its level. */
    record Figure(String file, String title, String caption, Level level) {
    }

    /** The page's sections of figures: what each level of the study added. */
    enum Level {
        EASY("Easy level: the first model and the PCA baseline"),
        MEDIUM("Medium level: every feature set and algorithm"),
        HARD("Hard level: the β sweep");

        final String heading;

        Level(String heading) {
            this.heading = heading;
        }
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
            main{max-width:1100px;margin:0 auto;padding:24px 32px 64px}
            h1{font-size:1.7em;margin:.2em 0}h2{margin-top:2em;border-bottom:2px solid #dde1e8;padding-bottom:.2em}
            .sub{color:#5b6475}.state{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;font-size:.85em}
            .COMPLETED{background:#d9f2df;color:#1b6b32}.FAILED{background:#fbdcdc;color:#8a1c1c}
            .RUNNING{background:#dce9fb;color:#1c4c8a}.PENDING,.QUEUED{background:#eceef2;color:#5b6475}
            table{border-collapse:collapse;background:#fff;margin:.6em 0;font-size:.93em;display:block;width:max-content;max-width:100%;overflow-x:auto}
            th,td{border:1px solid #dde1e8;padding:5px 10px;text-align:left}th{background:#eef1f5}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            figure{background:#fff;border:1px solid #dde1e8;margin:1.2em 0;padding:12px}
            figure img{max-width:100%;height:auto;display:block;margin:0 auto}figcaption{color:#5b6475;margin-top:6px}
            pre{background:#fff;border:1px solid #dde1e8;padding:12px;overflow:auto;font-size:.85em}
            a{color:#1f5fbf}ul.files{columns:2;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em}
            .pair{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}caption{text-align:left;font-weight:600;padding:4px 0}
            h3{margin-top:1.6em;color:#3a4252}
            """;

    private ReportPage() {
    }

    static String render(RunView run, ReportInputs in, RunAnalysis analysis, String specJson, List<Figure> figures,
            List<String> tables, List<String> artifacts) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>songspace report ").append(esc(run.id())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>songspace report</h1>\n<p class=\"sub\">run <b>").append(esc(run.id())).append("</b> · dataset <b>")
                .append(esc(run.spec().dataset().type())).append("</b> · created ")
                .append(esc(DateTimeFormatter.ISO_INSTANT.format(run.createdAt().truncatedTo(ChronoUnit.SECONDS))))
                .append("</p>\n");

        h.append("<h2>Summary</h2>\n<table>\n");
        row(h, "Tracks clustered", Integer.toString(in.trackIds().size()));
        row(h, "Tracks skipped", Integer.toString(in.skipped().size()));
        row(h, "Labels", in.labelled() ? esc(String.join(", ", in.labelNames())) : "none (unlabelled collection)");
        row(h, "Level", esc(in.spec().level()));
        if (!in.textSources().isEmpty()) {
            row(h, "Text (" + esc(in.spec().text().method()) + ")", esc(in.textSources().entrySet().stream()
                    .map(e -> e.getValue() + " from " + e.getKey()).collect(Collectors.joining(", "))));
        }
        for (TrainingHistory history : in.histories()) {
            row(h, "Model " + esc(history.model()), "β = " + history.beta() + " · " + history.epochs().size()
                    + " epochs on " + esc(history.device()) + " in " + seconds(history.trainSeconds()));
        }
        h.append("</table>\n");

        if (!analysis.findings().isEmpty()) {
            h.append("<h2>Key findings</h2>\n<ul>\n");
            analysis.findings().forEach(f -> h.append("<li>").append(esc(f)).append("</li>\n"));
            h.append("</ul>\n");
        }

        h.append("<h2>Stages</h2>\n<table>\n<tr><th>stage</th><th>status</th><th>done</th><th>seconds</th><th>message</th></tr>\n");
        for (StageView s : run.stages()) {
            h.append("<tr><td>").append(s.stage()).append("</td><td><span class=\"state ").append(s.status()).append("\">")
                    .append(s.status()).append("</span></td><td class=\"num\">")
                    .append(s.total() > 0 ? s.done() + " / " + s.total() : "").append("</td><td class=\"num\">")
                    .append(s.seconds() == null ? "" : seconds(s.seconds())).append("</td><td>")
                    .append(s.message() == null ? "" : esc(s.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Models</h2>\n<table>\n<tr><th>model</th><th>β</th><th>epochs</th><th>device</th>")
                .append("<th>training</th><th>final loss</th><th>reconstruction</th><th>KL</th></tr>\n");
        for (TrainingHistory history : in.histories()) {
            TrainingHistory.Epoch last = history.epochs().getLast();
            h.append("<tr><td>").append(esc(history.model())).append("</td><td class=\"num\">").append(history.beta())
                    .append("</td><td class=\"num\">").append(history.epochs().size()).append("</td><td>")
                    .append(esc(history.device())).append("</td><td class=\"num\">")
                    .append(seconds(history.trainSeconds())).append("</td>");
            for (double v : new double[] {last.total(), last.reconstruction(), last.kl()}) {
                h.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.4f", v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Clustering metrics</h2>\n");
        metricsTable(h, in.index().rows());
        AnalysisSections.render(h, analysis);
        if (!in.index().disentanglement().isEmpty()) {
            h.append("<h2>Disentanglement of the latent means</h2>\n<p class=\"sub\">mean |off-diagonal ")
                    .append("correlation|, the study's mean(|C − I|), per-dimension variance, active dimensions ")
                    .append("(variance &gt; 0.01 and &gt; 0.1) and mean KL to N(0, 1) per dimension</p>\n");
            disentanglementTable(h, in.index().disentanglement());
        }
        h.append("<p>");
        for (int i = 0; i < tables.size(); i++) {
            h.append(i > 0 ? " · " : "").append(link(tables.get(i), tables.get(i)));
        }
        h.append("</p>\n");

        h.append("<h2>Figures</h2>\n");
        for (Level level : Level.values()) {
            List<Figure> shown = figures.stream().filter(f -> f.level() == level).toList();
            if (shown.isEmpty()) {
                continue;
            }
            h.append("<h3>").append(esc(level.heading)).append("</h3>\n");
            for (Figure f : shown) {
                h.append("<figure id=\"").append(esc(f.file())).append("\"><img src=\"").append(esc(f.file()))
                        .append("\" alt=\"").append(esc(f.title())).append("\"><figcaption><b>")
                        .append(esc(f.title())).append("</b> — ").append(esc(f.caption())).append(" (")
                        .append(link(f.file(), f.file())).append(")</figcaption></figure>\n");
            }
        }

        h.append("<h2>Skipped tracks</h2>\n");
        if (in.skipped().isEmpty()) {
            h.append("<p>None: every track was featurised.</p>\n");
        } else {
            h.append("<table>\n<tr><th>track</th><th>reason</th></tr>\n");
            for (SkippedTrack t : in.skipped()) {
                h.append("<tr><td>").append(esc(t.trackId())).append("</td><td>").append(esc(t.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Run spec</h2>\n<pre>").append(esc(specJson)).append("</pre>\n");

        h.append("<h2>Raw artifacts</h2>\n<p class=\"sub\">Arrays are NumPy <code>.npy</code>/<code>.npz</code>; ")
                .append("links are relative to this report (<code>runs/").append(esc(run.id())).append("/report/</code>).</p>\n")
                .append("<ul class=\"files\">\n");
        for (String a : artifacts) {
            h.append("<li>").append(link("../" + a, a)).append("</li>\n");
        }
        h.append("</ul>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void metricsTable(StringBuilder h, List<MetricRow> rows) {
        h.append("<table>\n<tr><th>method</th><th>features</th><th>algorithm</th><th>clusters</th><th>noise</th>");
        MetricTables.COLUMNS.forEach(c -> h.append("<th>").append(c.html()).append("</th>"));
        h.append("<th>settings</th></tr>\n");
        for (MetricRow r : rows) {
            h.append("<tr><td>").append(esc(r.method())).append("</td><td>").append(esc(r.features())).append("</td><td>")
                    .append(esc(r.algorithm())).append("</td><td class=\"num\">").append(r.clusters())
                    .append("</td><td class=\"num\">").append(r.noise()).append("</td>");
            for (MetricTables.Column c : MetricTables.COLUMNS) {
                Double v = c.value().apply(r);
                String text = v == null ? "–" : c.format(v);
                h.append("<td class=\"num\">").append(v != null && rows.size() > 1 && v.equals(c.best(rows)) ? "<b>" + text + "</b>" : text)
                        .append("</td>");
            }
            h.append("<td>").append(esc(r.parameters() == null ? "" : r.parameters())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void disentanglementTable(StringBuilder h, List<ClusteringIndex.Disentanglement> rows) {
        h.append("<table>\n<tr><th>model</th><th>dims</th><th>mean |corr| off-diag.</th><th>mean |C − I|</th>")
                .append("<th>var min</th><th>var median</th><th>var max</th><th>var mean</th><th>var std</th>")
                .append("<th>active &gt; 0.01</th><th>active &gt; 0.1</th><th>mean KL / dim</th></tr>\n");
        for (ClusteringIndex.Disentanglement d : rows) {
            h.append("<tr><td>").append(esc(d.name())).append("</td><td class=\"num\">").append(d.dimensions());
            for (double v : new double[] {d.meanAbsOffDiagonalCorrelation(), d.meanAbsCorrelationMinusIdentity(),
                    d.varianceMin(), d.varianceMedian(), d.varianceMax(), d.varianceMean(), d.varianceStd()}) {
                h.append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.4f", v));
            }
            h.append("</td><td class=\"num\">").append(d.activeDimensions01()).append("</td><td class=\"num\">")
                    .append(d.activeDimensions10()).append("</td><td class=\"num\">")
                    .append(d.meanKlPerDimension() == null ? "–"
                            : String.format(Locale.ROOT, "%.4f", d.meanKlPerDimension()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static String link(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** HTML text and attribute escaping (no library in this module does it; the five characters are enough). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
