package io.songspace.report.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.Payloads;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.report.registry.RunRegistry;
import io.songspace.report.registry.RunView;
import io.songspace.report.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the run registry from {@code pipeline.events} and {@code audio.done} (group {@code report-service}) and
 * asks for the report once a run's clustering is complete. A message for a run nobody knows fails and goes to
 * the channel's dead-letter topic.
 */
@ApplicationScoped
public class PipelineListener {

    private final RunRegistry registry;
    private final ReportService reports;

    public PipelineListener(RunRegistry registry, ReportService reports) {
        this.registry = registry;
        this.reports = reports;
    }

    @Incoming(Channels.PIPELINE_EVENTS_IN)
    @Blocking
    public void onPipelineEvent(PipelineEvent event) {
        Payloads.requireDecoded(event, "PipelineEvent");
        RunView run = registry.apply(event);
        if (event.stage() == Stage.CLUSTERING && event.status() == PipelineEvent.Status.COMPLETED) {
            // the report is built on a worker thread; this only queues it (a redelivery while it is queued is a no-op)
            reports.request(run);
        }
    }

    @Incoming(Channels.AUDIO_DONE_IN)
    @Blocking
    public void onAudioDone(AudioDone done) {
        Payloads.requireDecoded(done, "AudioDone");
        registry.apply(done);
    }
}
