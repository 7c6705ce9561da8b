package io.songspace.report.report;

import io.songspace.common.artifacts.MetricRow;
import io.songspace.common.artifacts.TrainingHistory;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's figures as PNG bytes, drawn with XChart on a headless AWT. */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** matplotlib's tab10 then tab20's light shades: the palette the study's figures used. */
    static final Color[] PALETTE = colors(0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b,
            0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94,
            0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5);
    /** Points without a group (no label, DBSCAN noise). */
    static final Color UNGROUPED = new Color(0xb0b0b0);

    static final String FONT = Font.SANS_SERIF;

    private final int width;
    private final int height;

    Charts(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The side of each square panel of the training-history figure. */
    private int historyPanel() {
        return Math.max(300, width / 2);
    }

    /**
     * A 2-D embedding coloured by group: one series per group (in group order, with its size in the legend);
     * points whose group is negative are drawn grey as {@code ungroupedName}.
     */
    byte[] scatter(String title, String axisPrefix, double[][] points, int[] groups, List<String> groupNames,
            String ungroupedName) {
        return png(scatterChart(width, height, title, axisPrefix, points, groups, groupNames, ungroupedName));
    }

    /** {@link #scatter}'s chart, {@code chartWidth} × {@code chartHeight}: a panel of a larger figure. */
    static XYChart scatterChart(int chartWidth, int chartHeight, String title, String axisPrefix, double[][] points,
            int[] groups, List<String> groupNames, String ungroupedName) {
        XYChart chart = new XYChartBuilder().width(chartWidth).height(chartHeight).title(title)
                .xAxisTitle(axisPrefix + " 1").yAxisTitle(axisPrefix + " 2").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int g = -1; g < groupNames.size(); g++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (groups[i] == g || (g == -1 && groups[i] < 0)) {
                    xs.add(points[i][0]);
                    ys.add(points[i][1]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = (g < 0 ? ungroupedName : groupNames.get(g)) + " (" + xs.size() + ")";
            XYSeries series = chart.addSeries(name, xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(translucent(g < 0 ? UNGROUPED : PALETTE[g % PALETTE.length], 190));
        }
        return chart;
    }

    /**
     * Total, reconstruction and KL loss per epoch, one panel each; for a model that reconstructs its sample in parts
     * (the multimodal VAE), a fourth panel with each part's reconstruction error per epoch.
     */
    byte[] trainingHistory(TrainingHistory history) {
        List<Double> epochs = history.epochs().stream().map(e -> (double) e.epoch()).toList();
        String model = history.model() == null ? "model" : history.model().toUpperCase();
        List<Chart<?, ?>> panels = new ArrayList<>(List.of(
                lossPanel(model + ": total loss", "Total (recon + β·KL)", epochs, history, TrainingHistory.Epoch::total, PALETTE[0]),
                lossPanel(model + ": reconstruction", "Reconstruction", epochs, history, TrainingHistory.Epoch::reconstruction, PALETTE[1]),
                lossPanel(model + ": KL divergence", "KL", epochs, history, TrainingHistory.Epoch::kl, PALETTE[2])));
        // the parts of the first epoch that has them, in the model's order
        List<String> parts = history.epochs().stream().map(e -> List.copyOf(e.parts().keySet()))
                .filter(p -> !p.isEmpty()).findFirst().orElse(List.of());
        if (!parts.isEmpty()) {
            XYChart chart = lossPanel(model + ": reconstruction parts", parts.getFirst(), epochs, history,
                    e -> e.parts().get(parts.getFirst()), PALETTE[3]);
            for (int p = 1; p < parts.size(); p++) {
                String part = parts.get(p);
                XYSeries s = chart.addSeries(part, epochs, history.epochs().stream().map(e -> e.parts().get(part))
                        .toList());
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(PALETTE[(3 + p) % PALETTE.length]);
            }
            panels.add(chart);
        }
        return png(side(panels, historyPanel(), historyPanel()));
    }

    private XYChart lossPanel(String title, String series, List<Double> epochs, TrainingHistory history,
            Function<TrainingHistory.Epoch, Double> value, Color color) {
        XYChart chart = new XYChartBuilder().width(historyPanel()).height(historyPanel()).title(title)
                .xAxisTitle("Epoch").yAxisTitle("Loss per track").build();
        style(chart.getStyler());
        // "MULTIMODAL_VAE: reconstruction parts" fits a panel of 400 px
        chart.getStyler().setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries s = chart.addSeries(series, epochs, history.epochs().stream().map(value).toList());
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        return chart;
    }

    /** Tracks per (cluster, genre) as a heatmap with the count in each cell. */
    byte[] distribution(String title, int[] clusters, int clusterCount, int[] labels, List<String> labelNames) {
        List<String> rows = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            rows.add("Cluster " + c);
        }
        boolean noise = false;
        for (int c : clusters) {
            noise |= c < 0;
        }
        if (noise) {
            rows.add("Noise");
        }
        List<String> columns = new ArrayList<>(labelNames);
        boolean unlabelled = false;
        for (int l : labels) {
            unlabelled |= l < 0;
        }
        if (unlabelled) {
            columns.add(labelNames.isEmpty() ? "All tracks" : "No label");
        }
        int[][] counts = new int[rows.size()][columns.size()];
        for (int i = 0; i < clusters.length; i++) {
            int row = clusters[i] < 0 ? rows.size() - 1 : clusters[i];
            int col = labels[i] < 0 ? columns.size() - 1 : labels[i];
            counts[row][col]++;
        }
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                cells.add(new Number[] {c, r, counts[r][c]});
                max = Math.max(max, counts[r][c]);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(labelNames.isEmpty() ? "" : "Genre").yAxisTitle("Cluster").build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(FONT, Font.BOLD, 14));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x9ecae1), new Color(0x4292c6)});
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.addSeries("Tracks", columns, rows, cells);
        return png(chart);
    }

    /** One panel per metric, a bar per method. ARI, NMI and purity only where the tracks have labels. */
    byte[] metricsComparison(List<MetricRow> rows, boolean labelled) {
        int cols = 3;
        int panelRows = labelled ? 2 : 1;
        int w = width / cols;
        int h = height / panelRows;
        List<Chart<?, ?>> panels = new ArrayList<>();
        panels.add(metricPanel("Silhouette (higher is better)", rows, MetricRow::silhouette, w, h));
        panels.add(metricPanel("Calinski-Harabasz (higher is better)", rows, MetricRow::calinskiHarabasz, w, h));
        panels.add(metricPanel("Davies-Bouldin (lower is better)", rows, MetricRow::daviesBouldin, w, h));
        if (labelled) {
            panels.add(metricPanel("ARI (higher is better)", rows, MetricRow::ari, w, h));
            panels.add(metricPanel("NMI (higher is better)", rows, MetricRow::nmi, w, h));
            panels.add(metricPanel("Purity (higher is better)", rows, MetricRow::purity, w, h));
        }
        return png(grid(panels, cols, w, h, panelRows));
    }

    private CategoryChart metricPanel(String title, List<MetricRow> rows, Function<MetricRow, Double> metric,
            int panelWidth, int panelHeight) {
        CategoryChart chart = new CategoryChartBuilder().width(panelWidth).height(panelHeight).title(title).build();
        style(chart.getStyler());
        chart.getStyler().setChartTitleFont(new Font(FONT, Font.BOLD, 13));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLegendFont(new Font(FONT, Font.PLAIN, 11));
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(FONT, Font.PLAIN, 11));
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setLabelsPosition(0.95);
        for (int i = 0; i < rows.size(); i++) {
            Double value = metric.apply(rows.get(i));
            chart.addSeries(rows.get(i).method(), List.of(" "), List.of(value == null ? 0.0 : value))
                    .setFillColor(PALETTE[i % PALETTE.length]);
        }
        // headroom above the bars for the legend; bars below zero (a negative silhouette) stay visible
        double top = rows.stream().map(metric).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double bottom = rows.stream().map(metric).filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(0);
        if (top > 0) {
            chart.getStyler().setYAxisMax(top * 1.5);
        }
        chart.getStyler().setYAxisMin(Math.min(0.0, bottom * 1.2));
        return chart;
    }

    static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartFontColor(Color.BLACK);
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 18));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendBorderColor(new Color(0xcccccc));
        styler.setPlotBorderColor(new Color(0x999999));
        styler.setAntiAlias(true);
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
            axes.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
            axes.setPlotGridLinesColor(new Color(0xe5e5e5));
            axes.setAxisTickMarksColor(new Color(0x666666));
        }
    }

    /** XChart draws one chart per image; a figure of several panels is drawn here, row by row. */
    static BufferedImage grid(List<Chart<?, ?>> panels, int cols, int panelWidth, int panelHeight, int rows) {
        return gridImages(panels.stream().map(BitmapEncoder::getBufferedImage).toList(), cols, panelWidth,
                panelHeight, rows);
    }

    /** {@link #grid} of panels already drawn (a chart, or a box of text). */
    static BufferedImage gridImages(List<BufferedImage> panels, int cols, int panelWidth, int panelHeight, int rows) {
        BufferedImage image = new BufferedImage(cols * panelWidth, rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), (i % cols) * panelWidth, (i / cols) * panelHeight, null);
        }
        g.dispose();
        return image;
    }

    static BufferedImage side(List<Chart<?, ?>> panels, int panelWidth, int panelHeight) {
        return grid(panels, panels.size(), panelWidth, panelHeight, 1);
    }

    static byte[] png(Chart<?, ?> chart) {
        return png(BitmapEncoder.getBufferedImage(chart));
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static Color[] colors(int... rgb) {
        Color[] colors = new Color[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            colors[i] = new Color(rgb[i]);
        }
        return colors;
    }
}
