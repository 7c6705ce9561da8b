package io.songspace.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Draws a run's progress from its run views: one redrawn line on a terminal, or a line per change of stage
 * and per tenth of the run otherwise (logs, CI).
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private String lastLine = "";
    private int lastTenth = -1;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(JsonNode view) {
        double p = Math.max(0, Math.min(1, view.path("progress").asDouble()));
        int filled = (int) Math.round(p * WIDTH);
        String stage = "";
        for (JsonNode s : view.path("stages")) {
            if ("RUNNING".equals(s.path("status").asText()) || "FAILED".equals(s.path("status").asText())) {
                stage = s.path("stage").asText() + (s.path("total").asInt() > 0 ? " " + s.path("done").asInt() + "/" + s.path("total").asInt() : "")
                        + (s.path("message").isTextual() ? " " + s.path("message").asText() : "");
                break;
            }
        }
        String line = String.format("[%s%s] %3.0f%% %-9s %s", "#".repeat(filled), "-".repeat(WIDTH - filled), p * 100,
                view.path("state").asText(), stage);
        if (terminal) {
            out.print("\r" + pad(line));
            out.flush();
        } else if (!stageOf(line).equals(stageOf(lastLine)) || (int) (p * 10) != lastTenth) {
            // without a terminal: a line per stage and per tenth of the run, not per event
            out.println(line);
            lastTenth = (int) (p * 10);
        }
        lastLine = line;
    }

    void done() {
        if (terminal) {
            out.println();
        }
    }

    private static String stageOf(String line) {
        String[] parts = line.split("\\s+");
        return parts.length > 3 ? parts[2] + parts[3] : line;
    }

    private String pad(String line) {
        int cols = 120;
        return line.length() >= cols ? line.substring(0, cols - 1) : line + " ".repeat(Math.max(0, lastLine.length() - line.length()));
    }
}
