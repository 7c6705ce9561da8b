package io.songspace.feature.messaging;

import io.smallrye.common.annotation.Blocking;
import io.songspace.common.events.AudioDone;
import io.songspace.feature.service.FeatureAssemblyService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Step 4: the assembler. Counts finished tracks per run and publishes FEATURES PROGRESS and COMPLETED / FAILED. */
@ApplicationScoped
public class AudioDoneConsumer {

    private final FeatureAssemblyService assembly;
    private final PipelineEventPublisher events;

    public AudioDoneConsumer(FeatureAssemblyService assembly, PipelineEventPublisher events) {
        this.assembly = assembly;
        this.events = events;
    }

    @Incoming("audio-done")
    @Blocking
    public void onAudioDone(AudioDone done) {
        events.publish(assembly.onTrackDone(Payloads.requireDecoded(done, "AudioDone")));
    }
}
