package io.songspace.trainer.training;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ModelCard;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.events.ClusteringJob;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.events.TrainingJob;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.registry.Registry;
import io.songspace.common.stage.RunCancellations;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.trainer.messaging.TrainingEvents;
import io.songspace.trainer.model.Architecture;
import io.songspace.trainer.vae.TorchRuntime;
import io.songspace.trainer.vae.TrainedVae;
import io.songspace.trainer.vae.VaeSettings;
import io.songspace.trainer.vae.VaeTrainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Training of a run's models: fans a run out into one training job per model of its {@code spec.json}, trains
 * each with the architecture its spec names (the {@link Architecture} registry), writes its parameters, history,
 * card and latents, and announces the run's training once every model of the spec has latents. A model whose latents and
 * history exist is not trained again (jobs are delivered at least once).
 */
@Startup
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    /** Restarts of a diverged training, each at half the previous learning rate, before the model fails. */
    static final int MAX_RESTARTS = 2;

    private final ObjectStore store;
    private final Registry<Architecture> architectures;
    private final TorchEngine engine;
    private final TrainingEvents events;
    private final RunCancellations cancellations;

    public TrainingService(ObjectStore store, Registry<Architecture> architectures, TorchEngine engine,
            TrainingEvents events) {
        this.store = store;
        this.architectures = architectures;
        this.engine = engine;
        this.events = events;
        this.cancellations = new RunCancellations(store);
    }

    /**
     * Why a job cannot be processed at all, or null when it can: no run id, no model, or a model its run's spec
     * does not have. (A run without a spec fails when trained, with the reason.)
     */
    public String problemWith(TrainingJob job) {
        if (job == null || job.runId() == null || job.runId().isBlank()) {
            return "not a training job with a run id";
        }
        if (job.model() == null || job.model().isBlank()) {
            return "no model id";
        }
        String specKey = ArtifactKeys.spec(job.runId());
        if (store.exists(specKey)) {
            RunSpec spec = spec(job.runId());
            if (spec.model(job.model()) == null) {
                return "unknown model '" + job.model() + "' (the run's models: " + spec.modelIds() + ")";
            }
        }
        return null;
    }

    /**
     * A run's audio features ({@code stage} FEATURES) or text sets (TEXT) are complete: one training job per model
     * of its spec that reads them (a model reading both waits for the text, which comes after the audio). Returns
     * once the broker confirmed every job (or the failure, when the spec cannot be read); throws if it refused one.
     * When the text completes and no model reads it, the run's training may be complete already: announced then.
     */
    public void requestTraining(String runId, Stage stage) {
        RunSpec spec;
        try {
            spec = spec(runId);
        } catch (ObjectStoreException e) {
            events.failed(runId, "cannot read the run's spec: " + e.getMessage());
            return;
        }
        boolean textCompleted = stage == Stage.TEXT;
        boolean any = false;
        for (ModelSpec model : spec.models()) {
            if (architectures.named(model.architecture()).readsText() == textCompleted) {
                events.trainingJob(new TrainingJob(runId, model.id()));
                any = true;
            }
        }
        if (textCompleted && !any) {
            announceIfComplete(runId, spec);
        }
    }

    /**
     * Trains the job's model on the calling thread (the stage's worker, {@link TrainingWorker}), or re-announces
     * it if already trained. Throws whatever stops it: the worker writes the model's failure marker and publishes
     * TRAINING FAILED.
     */
    public void train(TrainingJob job) {
        String runId = job.runId();
        RunSpec spec = spec(runId);
        ModelSpec model = spec.model(job.model());
        if (model == null) {
            throw new IllegalArgumentException("the run's spec has no model '" + job.model() + "' (models: "
                    + spec.modelIds() + ")");
        }
        if (isTrained(runId, model.id())) {
            LOG.infof("run %s: %s already trained, not training again", runId, model.id());
        } else {
            trainAndStore(runId, model, spec);
        }
        announceIfComplete(runId, spec);
    }

    /** The run's {@code spec.json}, the one description of what runs. */
    private RunSpec spec(String runId) {
        return store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
    }

    private boolean isTrained(String runId, String model) {
        return store.exists(ArtifactKeys.latents(runId, model)) && store.exists(ArtifactKeys.trainingHistory(runId, model));
    }

    private void trainAndStore(String runId, ModelSpec model, RunSpec spec) {
        Architecture architecture = architectures.named(model.architecture());
        Map<String, NpyArray> features = new LinkedHashMap<>();
        for (String file : architecture.inputs()) {
            String key = ArtifactKeys.feature(runId, file);
            if (!store.exists(key)) {
                throw new IllegalStateException(model.id() + " (" + model.architecture() + ") reads " + file
                        + ", which this run does not have" + whyMissing(file, spec));
            }
            features.put(file, store.getNpy(key));
        }
        List<?> trackIds = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), List.class);
        for (Map.Entry<String, NpyArray> e : features.entrySet()) {
            String file = e.getKey();
            NpyArray array = e.getValue();
            if (array.shape().length < 2 || array.shape()[0] != trackIds.size()) {
                throw new IllegalStateException(file + " has shape " + Arrays.toString(array.shape()) + " but "
                        + FeatureFiles.TRACK_IDS + " lists " + trackIds.size() + " tracks");
            }
        }
        NpyArray input = architecture.input(features);
        String device = TorchRuntime.describe(engine.device());
        events.started(runId, String.format(Locale.ROOT, "training %s (%s) on %s: %d epochs, batch %d, latent %d, "
                + "β %s on %s", model.id(), model.architecture(), Arrays.toString(input.shape()), model.epochs(),
                model.batchSize(), model.latentDim(), model.beta(), device));
        // progress counts the epochs of every model of the run, which train one after another in spec order
        int before = spec.models().subList(0, spec.models().indexOf(model)).stream().mapToInt(ModelSpec::epochs).sum();
        int all = spec.models().stream().mapToInt(ModelSpec::epochs).sum();
        List<String> divergences = new ArrayList<>();
        double learningRate = model.learningRate();
        TrainedVae trained = null;
        while (trained == null) {
            VaeSettings settings = new VaeSettings(model.latentDim(), model.epochs(), model.batchSize(),
                    (float) learningRate, model.beta().floatValue(), spec.seed());
            try {
                trained = new VaeTrainer(engine.device()).train(model.id(), architecture.network(features, model),
                        input, settings, (epoch, total) -> {
                            cancellations.stopIfCancelled(runId);
                            events.progress(runId, progress(model.id(), epoch, total), before + epoch.epoch(), all);
                        });
            } catch (VaeTrainer.Diverged e) {
                // a training that overflows at the spec's learning rate may not at a smaller one: start again from the
                // seed at half the rate, and say so in the model card
                divergences.add(e.getMessage());
                if (divergences.size() > MAX_RESTARTS) {
                    throw new IllegalStateException(String.join("; ", divergences) + ": gave up after "
                            + MAX_RESTARTS + " restarts at halved learning rates", e);
                }
                learningRate /= 2;
                LOG.warnf("run %s: %s; restarting at learning rate %s", runId, e.getMessage(), learningRate);
                events.progress(runId, e.getMessage() + "; restarting at learning rate " + learningRate, before, all);
            }
        }
        store.put(ArtifactKeys.modelParameters(runId, model.id()), trained.parameters(), "application/octet-stream");
        store.putJson(ArtifactKeys.trainingHistory(runId, model.id()), trained.history());
        store.putJson(ArtifactKeys.modelCard(runId, model.id()), new ModelCard(model.id(), model.architecture(),
                architecture.inputs(), trained.parameterCount(), model.beta(), model.latentDim(), model.epochs(),
                model.batchSize(), learningRate, spec.seed(), device, trained.history().trainSeconds(), divergences));
        store.putNpy(ArtifactKeys.latentLogVars(runId, model.id()), trained.logVars());
        // latents last: with the history they mark the model as trained
        store.putNpy(ArtifactKeys.latents(runId, model.id()), trained.latents());
        store.delete(ArtifactKeys.modelFailure(runId, model.id()));
        LOG.infof("run %s: %s trained in %.1f s on %s", runId, model.id(), trained.history().trainSeconds(), device);
        // the global registry is Quarkus' (on /q/metrics); in tests that build this class without Quarkus, a no-op
        Timer.builder("songspace.model.training.duration").description("one model's training, all epochs")
                .tag("architecture", model.architecture()).tag("device", engine.device().getDeviceType())
                .register(Metrics.globalRegistry)
                .record(Duration.ofNanos(Math.round(trained.history().trainSeconds() * 1e9)));
    }

    /** Why a run may lack a feature file that an architecture reads. */
    private static String whyMissing(String file, RunSpec spec) {
        return switch (file) {
            case FeatureFiles.PATCHES -> " (a table dataset has no MFCC patches)";
            case FeatureFiles.TEXT_STANDARDIZED ->
                    spec.textEnabled() ? "" : " (the run's spec does not run the text stage)";
            default -> "";
        };
    }

    /**
     * "vae epoch 3/50: loss 9.1 (reconstruction 8.0, KL 1.1)"; a model of several parts lists each part's error
     * after its reconstruction: "(reconstruction 8.0 [audio 6.0, text 10.0], KL 1.1)".
     */
    static String progress(String model, TrainingHistory.Epoch epoch, int total) {
        String parts = epoch.parts().isEmpty() ? "" : epoch.parts().entrySet().stream()
                .map(part -> String.format(Locale.ROOT, "%s %.4f", part.getKey(), part.getValue()))
                .collect(Collectors.joining(", ", " [", "]"));
        return String.format(Locale.ROOT, "%s epoch %d/%d: loss %.4f (reconstruction %.4f%s, KL %.4f)", model,
                epoch.epoch(), total, epoch.total(), epoch.reconstruction(), parts, epoch.kl());
    }

    /**
     * Once every model of the spec has latents, and the text sets exist when the run has text (clustering reads
     * them): TRAINING COMPLETED and the run's clustering job.
     */
    private void announceIfComplete(String runId, RunSpec spec) {
        List<String> models = spec.modelIds();
        if (!models.stream().allMatch(m -> store.exists(ArtifactKeys.latents(runId, m)))
                || spec.textEnabled() && !store.exists(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT))) {
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
        events.clusteringJob(new ClusteringJob(runId, models));
    }
}
