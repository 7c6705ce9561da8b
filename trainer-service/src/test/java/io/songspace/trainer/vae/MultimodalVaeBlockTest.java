package io.songspace.trainer.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MultimodalVaeBlockTest {

    private static final int AUDIO = 40;
    /** Narrower than the study's 384 text dimensions, to keep the trainings short. */
    private static final int TEXT = 64;
    private static final int LATENT = 16;
    private static final int ROWS = 320;
    private static final float BETA = 0.5f;
    private static final VaeSettings SETTINGS = new VaeSettings(LATENT, 8, 32, 1e-3f, BETA, 9L);

    /** ROWS × (AUDIO + TEXT): [audio | text] of tracks from clusters shared by both modalities. */
    private static NpyArray rows;
    private static TrainedVae trained;

    @BeforeAll
    static void trainOnce() {
        TorchRuntime.start(1);
        rows = sharedClusters(ROWS, AUDIO, TEXT, 4, 21L);
        trained = new VaeTrainer(Device.cpu()).train("multimodal_vae", new MultimodalVaeBlock(AUDIO, TEXT, LATENT),
                rows, SETTINGS, (e, total) -> { });
    }

    /**
     * {@code n} rows [audio | text]: each track belongs to one of {@code k} clusters, whose centre (N(0, 2²) per
     * value) it shares in both modalities, plus Gaussian noise of 0.5 per value.
     */
    static NpyArray sharedClusters(int n, int audioDim, int textDim, int k, long seed) {
        Random random = new Random(seed);
        int width = audioDim + textDim;
        double[][] centres = new double[k][width];
        for (double[] centre : centres) {
            for (int j = 0; j < width; j++) {
                centre[j] = 2 * random.nextGaussian();
            }
        }
        float[] data = new float[n * width];
        for (int i = 0; i < n; i++) {
            double[] centre = centres[random.nextInt(k)];
            for (int j = 0; j < width; j++) {
                data[i * width + j] = (float) (centre[j] + 0.5 * random.nextGaussian());
            }
        }
        return NpyArray.ofFloats(data, n, width);
    }

    /**
     * The study's sizes (A = 40, T = 384, latent 32): output shapes, and as many parameters as the PyTorch
     * {@code MultimodalVAE(40, 384, d_lat=32)}, counted here layer by layer with nn.Linear's in·out + out.
     */
    @Test
    void forwardShapesAndParameterCountAreTheStudys() {
        int text = 384;
        int latent = 32;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            manager.getEngine().setRandomSeed(1);
            MultimodalVaeBlock block = new MultimodalVaeBlock(AUDIO, text, latent);
            assertEquals(new Shape(AUDIO + text), block.sampleShape());
            block.initialize(manager, DataType.FLOAT32, block.batchShape(3));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(3, AUDIO + text));
            NDList out = block.forward(parameters, new NDList(x), true);
            assertEquals(new Shape(3, AUDIO + text), out.get(0).getShape());
            assertEquals(new Shape(3, latent), out.get(1).getShape());
            assertEquals(new Shape(3, latent), out.get(2).getShape());
            long expected = linear(AUDIO, 256) + linear(256, 128) // audio encoder
                    + linear(text, 256) + linear(256, 128) // text encoder
                    + 2 * linear(256, latent) // μ and log σ² heads
                    + linear(latent, 256) // shared decoder
                    + linear(256, 256) + linear(256, AUDIO) // audio head
                    + linear(256, 256) + linear(256, text); // text head
            assertEquals(440_296L, expected);
            assertEquals(expected, block.parameterCount());
            // eval mode: z = μ, so two passes agree, and the encoder alone gives the same (μ, log σ²)
            NDList eval1 = block.forward(parameters, new NDList(x), false);
            NDList eval2 = block.forward(parameters, new NDList(x), false);
            assertEquals(0f, eval1.get(0).sub(eval2.get(0)).abs().max().getFloat(), 0f);
            NDList encoded = block.encode(parameters, x);
            assertEquals(0f, encoded.get(0).sub(eval1.get(1)).abs().max().getFloat(), 0f);
            assertEquals(0f, encoded.get(1).sub(eval1.get(2)).abs().max().getFloat(), 0f);
        }
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    /** ½·SSE over the audio columns + ½·SSE over the text columns + β·KL, each a mean over the batch (1e-5). */
    @Test
    void lossTermsScoreEachModalityOnItsOwnColumns() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            float[] x = {1, 2, 3, 4, 5, 0, 0, 1, 1, 1};
            float[] recon = {1.5f, 2, 2, 4, 3, 1, 0, 1, -1, 1};
            float[] mu = {0.5f, -1, 0, 2};
            float[] logVar = {0, 0.5f, -1, 1};
            NDList predictions = new NDList(manager.create(recon, new Shape(2, 5)), manager.create(mu, new Shape(2, 2)),
                    manager.create(logVar, new Shape(2, 2)));
            VaeLoss.Terms terms = new MultimodalVaeBlock(2, 3, 2)
                    .lossTerms(new VaeLoss(2f), manager.create(x, new Shape(2, 5)), predictions);
            // audio = columns 0–1: rows 0.25 and 1 → 0.625; text = columns 2–4: rows 1 + 0 + 4 and 0 + 4 + 0 → 4.5
            assertEquals(List.of("audio", "text"), List.copyOf(terms.parts().keySet()));
            assertEquals(0.625, terms.parts().get("audio").getFloat(), 1e-6);
            assertEquals(4.5, terms.parts().get("text").getFloat(), 1e-6);
            assertEquals(0.5 * 0.625 + 0.5 * 4.5, terms.reconstruction().getFloat(), 1e-6);
            double kl = 0;
            for (int i = 0; i < 4; i++) {
                kl += -0.5 * (1 + logVar[i] - mu[i] * mu[i] - Math.exp(logVar[i]));
            }
            assertEquals(kl / 2, terms.kl().getFloat(), 1e-5);
            assertEquals(0.5 * 0.625 + 0.5 * 4.5 + 2 * kl / 2, terms.total().getFloat(), 1e-5);
        }
    }

    /** One backward pass of the loss reaches every parameter of both encoders, the heads and both decoders. */
    @Test
    void gradientReachesEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            manager.getEngine().setRandomSeed(4);
            MultimodalVaeBlock block = new MultimodalVaeBlock(AUDIO, TEXT, LATENT);
            block.initialize(manager, DataType.FLOAT32, block.batchShape(8));
            NDArray x = manager.create(Arrays.copyOf(rows.floats(), 8 * (AUDIO + TEXT)), block.batchShape(8));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), true);
                collector.backward(block.lossTerms(new VaeLoss(1f), x, out).total());
            }
            int checked = 0;
            for (Pair<String, Parameter> entry : block.getParameters()) {
                float norm = entry.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(norm > 0 && Float.isFinite(norm), entry.getKey() + " gradient L1 " + norm);
                checked++;
            }
            assertEquals(22, checked, "11 layers, a weight and a bias each");
        }
    }

    /**
     * The loss falls at least 2× in 8 epochs; every epoch records both parts, and total = ½·audio + ½·text + β·KL
     * within 1e-4 relative (the trainer averages the batch's float32 terms in double).
     */
    @Test
    void trainingLowersTheLossAndRecordsEachPart() {
        List<TrainingHistory.Epoch> epochs = trained.history().epochs();
        assertEquals(8, epochs.size());
        for (TrainingHistory.Epoch epoch : epochs) {
            assertEquals(List.of("audio", "text"), List.copyOf(epoch.parts().keySet()), "epoch " + epoch.epoch());
            double audio = epoch.parts().get("audio");
            double text = epoch.parts().get("text");
            assertEquals(0.5 * audio + 0.5 * text, epoch.reconstruction(), 1e-4 * epoch.reconstruction());
            double total = 0.5 * audio + 0.5 * text + BETA * epoch.kl();
            assertEquals(total, epoch.total(), 1e-4 * total, "epoch " + epoch.epoch());
        }
        TrainingHistory.Epoch first = epochs.getFirst();
        TrainingHistory.Epoch last = epochs.getLast();
        System.out.printf("multimodal VAE %d×(%d+%d), 8 epochs: loss %.2f -> %.2f (factor %.2f), audio %.2f -> %.2f,"
                + " text %.2f -> %.2f, KL %.2f%n", ROWS, AUDIO, TEXT, first.total(), last.total(),
                first.total() / last.total(), first.parts().get("audio"), last.parts().get("audio"),
                first.parts().get("text"), last.parts().get("text"), last.kl());
        assertTrue(first.total() / last.total() >= 2, "loss fell only from " + first.total() + " to " + last.total());
        assertTrue(last.parts().get("audio") < first.parts().get("audio"), "the audio error fell");
        assertTrue(last.parts().get("text") < first.parts().get("text"), "the text error fell");
        assertArrayEquals(new int[] {ROWS, LATENT}, trained.latents().shape());
        assertArrayEquals(new int[] {ROWS, LATENT}, trained.logVars().shape());
    }

    @Test
    void sameSeedGivesIdenticalLatents() {
        TrainedVae again = new VaeTrainer(Device.cpu()).train("multimodal_vae",
                new MultimodalVaeBlock(AUDIO, TEXT, LATENT), rows, SETTINGS, (e, total) -> { });
        assertArrayEquals(trained.latents().floats(), again.latents().floats());
        assertArrayEquals(trained.logVars().floats(), again.logVars().floats());
        assertArrayEquals(trained.parameters(), again.parameters());
    }

    @Test
    void savedParametersReloadToTheSameLatents() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            MultimodalVaeBlock loaded = MultimodalVaeBlock.load(trained.parameters(), AUDIO, TEXT, LATENT, manager);
            VaeTrainer.Latents latents = VaeTrainer.encodeAll(loaded, rows, manager);
            assertArrayEquals(trained.latents().floats(), latents.means().floats());
            assertArrayEquals(trained.logVars().floats(), latents.logVars().floats());
            assertEquals(trained.parameterCount(), loaded.parameterCount());
            IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                    () -> MultimodalVaeBlock.load(trained.parameters(), TEXT, AUDIO, LATENT, manager));
            assertTrue(swapped.getMessage().contains("shapes"), swapped.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> VaeBlock.load(trained.parameters(), AUDIO + TEXT, LATENT, manager));
        }
    }

    @Test
    void rejectsRowsOfAnotherWidth() {
        NpyArray narrow = NpyArray.ofFloats(new float[4 * AUDIO], 4, AUDIO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VaeTrainer(Device.cpu())
                .train("multimodal_vae", new MultimodalVaeBlock(AUDIO, TEXT, LATENT), narrow, SETTINGS,
                        (epoch, total) -> { }));
        assertTrue(e.getMessage().contains("(N, 104)"), e.getMessage());
    }
}
