package io.songspace.common.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One model of a run: its id (the name of its artifacts: {@code latents/{id}.npy}, …), the architecture that the
 * trainer builds by name, and its hyper-parameters; unset ones come from the run's {@link RunSpec.Training}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(String id, String architecture, Double beta, Integer latentDim, Integer epochs,
        Integer batchSize, Double learningRate) {

    /** The study's Basic VAE on MFCC-40; with a β other than 1 it is a β-VAE. */
    public static final String VAE = "vae";
    /** The convolutional VAE on the 20×128 MFCC patches. */
    public static final String CONV_VAE = "conv_vae";
    /** One encoder per modality (MFCC-40 and the text vectors), one shared latent space. */
    public static final String MULTIMODAL_VAE = "multimodal_vae";
    /** The architectures the trainer builds (its registry has one class for each). */
    public static final List<String> ARCHITECTURES = List.of(VAE, CONV_VAE, MULTIMODAL_VAE);

    static ModelSpec of(String id, String architecture, Double beta) {
        return new ModelSpec(id, architecture, beta, null, null, null, null);
    }

    /** The β sweep's model ids: {@code beta_vae_0.5}, {@code beta_vae_1.0}, {@code beta_vae_4.0}, … */
    public static String betaVaeId(double beta) {
        return "beta_vae_" + beta;
    }

    ModelSpec withDefaults(RunSpec.Training t) {
        return new ModelSpec(id, architecture != null ? architecture : VAE, beta != null ? beta : t.beta(),
                latentDim != null ? latentDim : t.latentDim(), epochs != null ? epochs : t.epochs(),
                batchSize != null ? batchSize : t.batchSize(), learningRate != null ? learningRate : t.learningRate());
    }

    /**
     * The model's name in the study's method names ({@code VAE_basic+K-Means}, {@code BetaVAE_beta_4.0+DBSCAN}):
     * the study's names for its models, the id for any other model.
     */
    @JsonIgnore
    public String methodName() {
        if (id.startsWith("beta_vae_")) {
            return "BetaVAE_beta_" + id.substring("beta_vae_".length());
        }
        return switch (id) {
            case VAE -> "VAE_basic";
            case CONV_VAE -> "VAE_conv";
            case MULTIMODAL_VAE -> "VAE_multimodal";
            default -> id;
        };
    }
}
