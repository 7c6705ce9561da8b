package io.songspace.trainer.training;

import io.quarkus.runtime.Startup;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.trainer.config.TrainerConfig;
import io.songspace.trainer.messaging.TrainingEvents;
import io.songspace.trainer.vae.TorchRuntime;
import io.songspace.trainer.vae.TrainedVae;
import io.songspace.trainer.vae.VaeSettings;
import io.songspace.trainer.vae.VaeTrainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Training of a run's models: fans a run out into training jobs, trains one model per job, writes its
 * parameters, history and latents, and announces the run's training once every configured model has latents.
 * A model whose latents and history exist is not trained again (jobs are delivered at least once).
 */
@Startup
@ApplicationScoped
public class TrainingService {

    /** The Basic VAE of the study (β from the run's spec, 1 by default). */
    public static final String VAE = "vae";

    /** Architectures this service can train; the configured model list must be a subset (checked at startup). */
    private static final Set<String> ARCHITECTURES = Set.of(VAE);

    private static final Logger LOG = Logger.getLogger(TrainingService.class);

    private final ObjectStore store;
    private final TrainerConfig config;
    private final TorchEngine engine;
    private final TrainingEvents events;

    public TrainingService(ObjectStore store, TrainerConfig config, TorchEngine engine, TrainingEvents events) {
        if (config.models().isEmpty() || !ARCHITECTURES.containsAll(config.models())) {
            throw new IllegalStateException("songspace.trainer.models must name models among " + ARCHITECTURES
                    + ", got " + config.models());
        }
        this.store = store;
        this.config = config;
        this.engine = engine;
        this.events = events;
    }

    /** Why a job cannot be processed at all, or null when it can. */
    public String problemWith(TrainingJob job) {
        if (job == null || job.runId() == null || job.runId().isBlank()) {
            return "not a training job with a run id";
        }
        if (!ARCHITECTURES.contains(job.model())) {
            return "unknown model '" + job.model() + "' (known: " + ARCHITECTURES + ")";
        }
        return null;
    }

    /**
     * A run's features are complete: one training job per configured model, with the run's spec. Returns once the
     * broker confirmed every job (or the failure, when the spec cannot be read); throws if it refused one.
     */
    public void requestTraining(String runId) {
        RunSpec spec;
        try {
            spec = store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
        } catch (ObjectStoreException e) {
            events.failed(runId, "cannot read the run's spec: " + e.getMessage());
            return;
        }
        for (String model : config.models()) {
            events.trainingJob(new TrainingJob(runId, model, spec));
        }
    }

    /**
     * Trains the job's model on the calling thread (the worker), or re-announces it if already trained. This is
     * the worker's boundary: any Throwable (an Error from natives or memory included) fails the job, see
     * {@link #fail}.
     */
    public void train(TrainingJob job) {
        String runId = job.runId();
        try {
            RunSpec spec = job.spec() != null ? job.spec().withDefaults()
                    : store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
            if (isTrained(runId, job.model())) {
                LOG.infof("run %s: %s already trained, not training again", runId, job.model());
            } else {
                trainAndStore(runId, job.model(), spec);
            }
            announceIfComplete(runId, spec);
        } catch (Throwable e) {
            fail(runId, job.model(), e);
        }
    }

    /**
     * Publishes TRAINING FAILED with the reason, then writes the model's failure marker so that the startup scan
     * does not retry it. The marker is written only once the broker took the event: if the event cannot be
     * published either, the next startup trains the model again instead of leaving the run without an outcome.
     */
    private void fail(String runId, String model, Throwable e) {
        String reason = "training " + model + " failed: "
                + (e instanceof RuntimeException && e.getMessage() != null ? e.getMessage() : e.toString());
        LOG.errorf(e, "run %s: %s", runId, reason);
        try {
            events.failed(runId, reason);
            store.putJson(failureKey(runId, model), new TrainingFailure(model, reason, Instant.now().toString()));
        } catch (Throwable recording) {
            LOG.errorf(recording, "run %s: could not record the failure of %s", runId, model);
        }
    }

    /**
     * The marker of a model whose training failed: a {@link TrainingFailure}; a later successful training removes it.
     */
    public static String failureKey(String runId, String model) {
        return ArtifactKeys.model(runId, model + ".failed.json");
    }

    private boolean isTrained(String runId, String model) {
        return store.exists(ArtifactKeys.latents(runId, model)) && store.exists(ArtifactKeys.trainingHistory(runId, model));
    }

    private void trainAndStore(String runId, String model, RunSpec spec) {
        NpyArray features = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED));
        List<?> trackIds = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.class);
        if (features.shape().length != 2 || features.shape()[0] != trackIds.size()) {
            throw new IllegalStateException(FeatureFiles.STANDARDIZED + " has shape "
                    + Arrays.toString(features.shape()) + " but " + FeatureFiles.TRACK_IDS + " lists "
                    + trackIds.size() + " tracks");
        }
        VaeSettings settings = VaeSettings.of(spec);
        String device = TorchRuntime.describe(engine.device());
        events.started(runId, String.format(Locale.ROOT, "training %s on %d×%d features: %d epochs, batch %d, "
                + "latent %d, β %s on %s", model, features.shape()[0], features.shape()[1], settings.epochs(),
                settings.batchSize(), settings.latentDim(), settings.beta(), device));
        TrainedVae trained = new VaeTrainer(engine.device()).train(model, features, settings,
                (epoch, total) -> events.progress(runId, String.format(Locale.ROOT,
                        "%s epoch %d/%d: loss %.4f (reconstruction %.4f, KL %.4f)", model, epoch.epoch(), total,
                        epoch.total(), epoch.reconstruction(), epoch.kl()), epoch.epoch(), total));
        store.put(ArtifactKeys.modelParameters(runId, model), trained.parameters(), "application/octet-stream");
        store.putJson(ArtifactKeys.trainingHistory(runId, model), trained.history());
        // latents last: with the history they mark the model as trained
        store.putNpy(ArtifactKeys.latents(runId, model), trained.latents());
        store.delete(failureKey(runId, model));
        LOG.infof("run %s: %s trained in %.1f s on %s", runId, model, trained.history().trainSeconds(), device);
    }

    /** Once every configured model has latents: TRAINING COMPLETED and the run's clustering job. */
    private void announceIfComplete(String runId, RunSpec spec) {
        List<String> models = config.models();
        if (!models.stream().allMatch(m -> store.exists(ArtifactKeys.latents(runId, m)))) {
            return;
        }
        List<TrainingHistory> histories = models.stream()
                .map(m -> store.getJson(ArtifactKeys.trainingHistory(runId, m), TrainingHistory.class)).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("models", String.join(",", models));
        details.put("device", histories.stream().map(TrainingHistory::device).distinct()
                .collect(Collectors.joining(",")));
        details.put("seconds", String.format(Locale.ROOT, "%.1f",
                histories.stream().mapToDouble(TrainingHistory::trainSeconds).sum()));
        events.completed(runId, "trained " + String.join(", ", models), details);
        events.clusteringJob(new ClusteringJob(runId, models, spec));
    }
}
