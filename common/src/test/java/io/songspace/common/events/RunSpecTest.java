package io.songspace.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.events.DatasetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecTest {

    private static final DatasetSpec DEMO = new DatasetSpec.Demo(null, null, null);

    private static RunSpec level(String level) {
        return new RunSpec(level, DEMO, null, null, null, null).withDefaults();
    }

    @Test
    void levelsExpandIntoTheStudysModelsAndAlgorithms() {
        RunSpec easy = new RunSpec(DEMO, null, null, null).withDefaults();
        assertEquals("easy", easy.level());
        assertEquals(List.of("vae"), easy.modelIds());
        assertEquals(List.of("kmeans"), easy.clustering().algorithms().stream().map(AlgorithmSpec::name).toList());
        assertFalse(easy.textEnabled(), "no text at the easy level");
        assertEquals(List.of("vae", "conv_vae", "multimodal_vae"), level("medium").modelIds());
        RunSpec hard = level("hard");
        assertEquals(List.of("vae", "conv_vae", "multimodal_vae", "beta_vae_0.5", "beta_vae_1.0", "beta_vae_4.0",
                "beta_vae_10.0"), hard.modelIds());
        assertTrue(hard.textEnabled());
        assertEquals(new RunSpec.Text(true, "minilm"), hard.text());
        assertEquals(List.of("kmeans", "agglomerative", "dbscan"),
                hard.clustering().algorithms().stream().map(AlgorithmSpec::name).toList());
        assertEquals(4.0, hard.model("beta_vae_4.0").beta());
        assertEquals("vae", hard.model("beta_vae_4.0").architecture());
        assertEquals("conv_vae", hard.model("conv_vae").architecture());
        assertEquals(List.of("tsne", "umap"), hard.clustering().embeddings());
    }

    @Test
    void modelsTakeTheTrainingDefaultsUnlessTheySetTheirOwn() {
        RunSpec spec = new RunSpec(null, DEMO, new RunSpec.Training(3, 16, null, 8, null),
                List.of(new ModelSpec("mine", null, 2.0, null, 7, null, null)), null, 1L).withDefaults();
        ModelSpec m = spec.models().getFirst();
        assertEquals(new ModelSpec("mine", "vae", 2.0, 8, 7, 16, 1e-3), m);
        assertEquals(spec, spec.withDefaults(), "defaults applied twice change nothing");
    }

    @Test
    void explicitAlgorithmsOverrideTheLevelAndDbscanGetsItsDefaults() {
        RunSpec spec = new RunSpec("hard", DEMO, null, null, new RunSpec.Clustering(null, null, null,
                List.of(new AlgorithmSpec("dbscan", null, null), new AlgorithmSpec("dbscan", 7, "0.25")), null), null)
                .withDefaults();
        assertEquals(List.of(new AlgorithmSpec("dbscan", 5, "knee"), new AlgorithmSpec("dbscan", 7, "0.25")),
                spec.clustering().algorithms());
        assertNull(spec.clustering().algorithms().getFirst().fixedEps());
        assertEquals(0.25, spec.clustering().algorithms().get(1).fixedEps());
    }

    @Test
    void methodNamesAreTheStudys() {
        RunSpec hard = level("hard");
        assertEquals(List.of("VAE_basic", "VAE_conv", "VAE_multimodal", "BetaVAE_beta_0.5", "BetaVAE_beta_1.0",
                "BetaVAE_beta_4.0", "BetaVAE_beta_10.0"), hard.models().stream().map(ModelSpec::methodName).toList());
    }

    @Test
    void textFollowsTheLevelUnlessTheSpecSaysOtherwise() {
        RunSpec mediumWithoutText = new RunSpec("medium", DEMO, null, null, null, null, new RunSpec.Text(false, null))
                .withDefaults();
        assertFalse(mediumWithoutText.textEnabled());
        assertEquals(List.of("vae", "conv_vae"), mediumWithoutText.modelIds(), "no multimodal model without text");
        RunSpec easyMultimodal = new RunSpec("easy", DEMO, null,
                List.of(new ModelSpec("mm", "multimodal_vae", null, null, null, null, null)), null, null).withDefaults();
        assertTrue(easyMultimodal.textEnabled(), "a multimodal model turns text on");
        RunSpec tfidf = new RunSpec("easy", DEMO, null, null, null, null, new RunSpec.Text(true, "tfidf")).withDefaults();
        assertEquals(new RunSpec.Text(true, "tfidf"), tfidf.text());
        assertEquals(List.of("vae"), tfidf.modelIds());
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RunSpec hard = level("hard");
        assertEquals(hard, json.readValue(json.writeValueAsString(hard), RunSpec.class));
        RunSpec eps = json.readValue("{\"dataset\":{\"type\":\"demo\"},\"clustering\":{\"algorithms\":"
                + "[{\"name\":\"dbscan\",\"eps\":0.5}]}}", RunSpec.class);
        assertEquals("0.5", eps.clustering().algorithms().getFirst().eps(), "a numeric eps is read as its text");
    }
}
