package io.songspace.feature.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.Payloads;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.Channels;
import io.songspace.common.messaging.StageEvents;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.service.ManifestService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Step 2: a requested run becomes a manifest, MANIFEST COMPLETED, FEATURES STARTED and its {@link AudioJob}s, chunks
 * of its tracks, on audio.jobs (key runId/chunk, so the jobs spread over the partitions), then the outcome of the
 * tracks known to be unusable on audio.done. Table datasets end here with their
 * FEATURES COMPLETED. The request is acknowledged only after every event and job was accepted by the broker; jobs
 * the broker refuses fail the run's FEATURES stage (the run could never complete) instead of being retried here.
 */
@ApplicationScoped
public class RunRequestConsumer {

    private static final Logger LOG = Logger.getLogger(RunRequestConsumer.class);
    /** Jobs in flight at most: the batch size must fit the emitter's buffer. */
    private static final int JOB_BUFFER = 1024;

    private final ManifestService manifests;
    private final StageEvents events;
    private final MutinyEmitter<AudioJob> jobs;
    private final AudioDonePublisher outcomes;
    private final int batch;

    public RunRequestConsumer(ManifestService manifests, StageEvents events,
            @Channel(Channels.AUDIO_JOBS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = JOB_BUFFER)
            MutinyEmitter<AudioJob> jobs, AudioDonePublisher outcomes, FeatureConfig config) {
        this.manifests = manifests;
        this.events = events;
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.batch = Math.max(1, Math.min(JOB_BUFFER, config.fanOutBatch()));
    }

    @Incoming(Channels.RUNS_REQUESTED_IN)
    @Blocking
    public void onRunRequested(RunRequested request) {
        Payloads.requireDecoded(request, "RunRequested");
        ManifestService.RunPlan plan;
        try {
            plan = manifests.plan(request.runId());
        } catch (RuntimeException e) {
            // e.g. the object store refused the manifest: the run fails visibly instead of hanging
            LOG.errorf(e, "run %s: manifest step failed", request.runId());
            plan = new ManifestService.RunPlan(List.of(PipelineEvent.failed(request.runId(), Stage.MANIFEST,
                    "manifest step failed: " + e.getMessage())), List.of(), List.of());
        }
        plan.events().forEach(events::publish);
        try {
            fanOut(plan.jobs());
            plan.known().forEach(outcomes::publish);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: fan-out failed", request.runId());
            events.publish(PipelineEvent.failed(request.runId(), Stage.FEATURES,
                    "publishing the run's " + plan.jobs().size() + " audio jobs failed: " + e.getMessage()));
        }
    }

    /** Sends the jobs in batches, waiting for the broker to acknowledge each batch before the next. */
    private void fanOut(List<AudioJob> all) {
        for (int from = 0; from < all.size(); from += batch) {
            List<Uni<Void>> sends = new ArrayList<>();
            for (AudioJob job : all.subList(from, Math.min(all.size(), from + batch))) {
                sends.add(jobs.sendMessage(KafkaRecord.of(job.runId() + "/" + job.chunk(), job)));
            }
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
        if (!all.isEmpty()) {
            LOG.infof("run %s: %d audio jobs (chunks of up to %d tracks) published", all.getFirst().runId(), all.size(),
                    all.getFirst().tracks().size());
        }
    }
}
