package io.songspace.report.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.report.analysis.RunAnalysis.Entry;
import io.songspace.report.analysis.RunAnalysis.Metrics;
import io.songspace.report.analysis.RunAnalysis.SummaryRow;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTableTest {

    /** Every character LaTeX treats specially, in a method name. */
    private static final String SPECIALS = "A_b%c&d#e$f{g}h~i^j\\k";

    private static String hardTable() {
        return SummaryTable.latex(RunAnalysis.of(AnalysisFixtures.hardIndex(true),
                AnalysisFixtures.histories(AnalysisFixtures.HARD_MODELS), AnalysisFixtures.HARD_MODELS, true));
    }

    /** The table's data rows: the lines between \midrule and \bottomrule. */
    private static List<String[]> body(String tex) {
        String rows = tex.substring(tex.indexOf("\\midrule\n") + 9, tex.indexOf("\\bottomrule"));
        return rows.lines().map(l -> {
            assertTrue(l.endsWith(" \\\\"), l);
            return l.substring(0, l.length() - 3).split(" & ");
        }).toList();
    }

    @Test
    void structure() {
        String tex = hardTable();
        assertTrue(tex.startsWith("% "), "a comment line first");
        assertTrue(tex.lines().findFirst().orElseThrow().contains("\\usepackage{booktabs}"));
        for (String part : List.of("\\begin{table}", "\\end{table}", "\\begin{tabular}{lrrrrrr}", "\\end{tabular}",
                "\\toprule", "\\midrule", "\\bottomrule", "\\caption{", "\\label{tab:hard_task_summary}")) {
            assertEquals(1, count(tex, part), part);
        }
        assertTrue(tex.indexOf("\\toprule") < tex.indexOf("\\midrule")
                && tex.indexOf("\\midrule") < tex.indexOf("\\bottomrule"));
        assertTrue(tex.contains("highest silhouette") && tex.contains("beta\\_vae\\_*")
                && tex.contains("clustered with K-Means"), "the caption states the rule");
        List<String[]> body = body(tex);
        assertEquals(5, body.size());
        assertEquals(List.of("PCA\\_baseline+K-Means", "VAE\\_basic+K-Means", "VAE\\_conv+K-Means",
                "VAE\\_multimodal+K-Means", "BetaVAE\\_beta\\_10.0+K-Means"),
                body.stream().map(r -> r[0]).toList());
        assertTrue(body.stream().allMatch(r -> r.length == 7));
    }

    @Test
    void bestPerColumnInBold() {
        List<String[]> body = body(hardTable());
        // per column the row (0 PCA, 1 basic, 2 conv, 3 multimodal, 4 β = 10) whose value is best
        String[] expected = {"\\textbf{0.4500}", "\\textbf{260.0}", "\\textbf{0.9600}", "\\textbf{0.2000}",
            "\\textbf{0.2500}", "\\textbf{0.4200}"};
        int[] bestRow = {4, 4, 3, 0, 0, 3};
        for (int c = 0; c < expected.length; c++) {
            for (int r = 0; r < body.size(); r++) {
                String cell = body.get(r)[c + 1];
                if (r == bestRow[c]) {
                    assertEquals(expected[c], cell, "column " + c);
                } else {
                    assertTrue(!cell.startsWith("\\textbf"), "column " + c + " row " + r + ": " + cell);
                }
            }
        }
    }

    @Test
    void escapesAndDashes() {
        List<SummaryRow> rows = List.of(
                new SummaryRow("PCA baseline", new Entry(SPECIALS + "+K-Means", "pca", "kmeans", 4, 0,
                        new Metrics(0.2, 100.0, 1.5, null, null, null))),
                new SummaryRow("VAE basic", new Entry("VAE_basic+K-Means", "vae", "kmeans", 4, 0,
                        new Metrics(0.3, null, 1.2, null, null, null))));
        String tex = SummaryTable.latex(rows);
        List<String[]> body = body(tex);
        assertEquals("A\\_b\\%c\\&d\\#e\\$f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k"
                + "+K-Means", body.get(0)[0]);
        assertEquals(List.of("0.2000", "\\textbf{100.0}", "1.5000", "--", "--", "--"),
                Arrays.asList(body.get(0)).subList(1, 7));
        assertEquals(List.of("\\textbf{0.3000}", "--", "\\textbf{1.2000}", "--", "--", "--"),
                Arrays.asList(body.get(1)).subList(1, 7));
    }

    @Test
    void compilesWithPdflatex(@TempDir Path dir) throws Exception {
        boolean onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "pdflatex")));
        Assumptions.assumeTrue(onPath, "pdflatex is not on PATH: the table's structure is checked, not compiled");
        List<SummaryRow> special = List.of(new SummaryRow("PCA baseline", new Entry(SPECIALS + "+K-Means", "pca",
                "kmeans", 4, 0, new Metrics(0.2, 100.0, 1.5, null, null, null))));
        String doc = "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n" + hardTable()
                + SummaryTable.latex(special) + "\\end{document}\n";
        Files.writeString(dir.resolve("table.tex"), doc, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("pdflatex", "-halt-on-error", "-interaction=nonstopmode", "table.tex")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex timed out");
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.size(dir.resolve("table.pdf")) > 0);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
