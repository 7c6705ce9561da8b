package io.songspace.feature.messaging;

import io.smallrye.common.annotation.Blocking;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.Payloads;
import io.songspace.common.messaging.Channels;
import io.songspace.common.messaging.StageEvents;
import io.songspace.feature.service.FeatureAssemblyService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Step 4: the assembler. Counts finished tracks per run and publishes FEATURES PROGRESS; the assembly of a complete
 * run runs on the assembler's own thread and publishes FEATURES COMPLETED / FAILED from there. The AudioDone is
 * acknowledged once counted: a run whose assembler dies mid-assembly is assembled from the store by the next
 * startup's scan ({@link UnfinishedAssemblies}) or when any further AudioDone of the run arrives, whichever is first.
 */
@ApplicationScoped
public class AudioDoneConsumer {

    private final FeatureAssemblyService assembly;
    private final StageEvents events;

    public AudioDoneConsumer(FeatureAssemblyService assembly, StageEvents events) {
        this.assembly = assembly;
        this.events = events;
    }

    @Incoming(Channels.AUDIO_DONE_IN)
    @Blocking
    public void onAudioDone(AudioDone done) {
        FeatureAssemblyService.TrackOutcome outcome = assembly.onChunkDone(Payloads.requireDecoded(done, "AudioDone"));
        outcome.events().forEach(events::publish);
        // attached after the progress was published, so the outcome always follows it
        outcome.assembly().ifPresent(run -> run.thenAccept(event -> events.publish(event)));
    }
}
