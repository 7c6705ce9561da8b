package io.songspace.report.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.songspace.report.registry.RunRegistry;
import io.songspace.report.registry.RunView;
import io.songspace.report.registry.RunView.StageView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The report-service's meters on {@code /q/metrics}: {@code songspace_runs{state}}, the runs the registry knows in
 * each state (a gauge read at scrape time, so it is right after a restart too), and
 * {@code songspace_stage_duration_seconds{stage,outcome}}, each stage's start-to-end time as the run's events say,
 * recorded once when the stage ends. Created at startup so the gauges exist before the first event.
 */
@Startup
@ApplicationScoped
public class RunMetrics {

    public static final String RUNS = "songspace.runs";
    public static final String STAGE_DURATION = "songspace.stage.duration";

    private final MeterRegistry meters;

    public RunMetrics(MeterRegistry meters, RunRegistry runs) {
        this.meters = meters;
        for (RunView.State state : RunView.State.values()) {
            Gauge.builder(RUNS, runs, r -> r.count(state))
                    .description("runs known to the report-service, by state")
                    .tag("state", state.name())
                    .register(meters);
        }
        // every stage event, whether from Kafka or the report-service's own REPORT stage
        runs.onEvent(this::stagesChanged);
    }

    /** Records the duration of every stage that ended between {@code before} and {@code after}. */
    public void stagesChanged(RunView before, RunView after) {
        for (StageView stage : after.stages()) {
            if (!stage.status().terminal() || stage.seconds() == null) {
                continue;
            }
            StageView earlier = before == null ? null : before.stage(stage.stage());
            if (earlier != null && earlier.status().terminal()) {
                continue;
            }
            Timer.builder(STAGE_DURATION)
                    .description("time from a stage's start to its end, per the run's events")
                    .tag("stage", stage.stage().name())
                    .tag("outcome", stage.status().name())
                    .publishPercentileHistogram(false)
                    .register(meters)
                    .record(Duration.ofNanos(Math.round(stage.seconds() * 1e9)));
        }
    }
}
