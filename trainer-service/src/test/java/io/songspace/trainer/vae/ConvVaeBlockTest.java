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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConvVaeBlockTest {

    private static final int H = ConvVaeBlock.STUDY_HEIGHT;
    private static final int W = ConvVaeBlock.STUDY_WIDTH;
    private static final int LATENT = 32;
    private static final int PATCHES = 96;
    private static final VaeSettings SETTINGS = new VaeSettings(LATENT, 6, 16, 1e-3f, 1f, 5L);

    /** Standardized synthetic patches, N×20×128 (no channel axis) and the same values as N×1×20×128. */
    private static NpyArray patches3d;
    private static NpyArray patches4d;
    private static TrainedVae trained;

    @BeforeAll
    static void trainOnce() {
        TorchRuntime.start(1);
        patches3d = PatchScaling.standardize(syntheticPatches(PATCHES, 4, 13L));
        patches4d = NpyArray.ofFloats(patches3d.floats(), PATCHES, 1, H, W);
        trained = new VaeTrainer(Device.cpu()).train("conv_vae", new ConvVaeBlock(LATENT), patches4d, SETTINGS,
                (e, total) -> { });
    }

    /**
     * {@code n} patches 20×128 drawn from {@code k} smooth prototypes (sums of 2-D sinusoids with random frequencies
     * and phases, around an offset of 5 and a scale of 3, as raw MFCCs are far from standardized) plus Gaussian
     * noise of 0.3 × the scale.
     */
    static NpyArray syntheticPatches(int n, int k, long seed) {
        Random random = new Random(seed);
        float[][] prototypes = new float[k][H * W];
        for (float[] prototype : prototypes) {
            double fr = 0.5 + random.nextDouble() * 2;
            double fc = 1 + random.nextDouble() * 6;
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    prototype[r * W + c] = (float) (Math.sin(2 * Math.PI * fr * r / H + phase)
                            * Math.cos(2 * Math.PI * fc * c / W));
                }
            }
        }
        float[] data = new float[n * H * W];
        for (int i = 0; i < n; i++) {
            float[] prototype = prototypes[random.nextInt(k)];
            for (int j = 0; j < H * W; j++) {
                data[i * H * W + j] = (float) (5 + 3 * (prototype[j] + 0.3 * random.nextGaussian()));
            }
        }
        return NpyArray.ofFloats(data, n, H, W);
    }

    @Test
    void forwardShapesAndParameterCountFollowTheArchitecture() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            ConvVaeBlock block = new ConvVaeBlock(LATENT);
            assertEquals(new Shape(1, H, W), block.sampleShape());
            block.initialize(manager, DataType.FLOAT32, block.batchShape(3));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(3, 1, H, W));
            NDList out = block.forward(parameters, new NDList(x), true);
            assertEquals(new Shape(3, 1, H, W), out.get(0).getShape(), "reconstruction is exactly 1×20×128");
            assertEquals(new Shape(3, LATENT), out.get(1).getShape());
            assertEquals(new Shape(3, LATENT), out.get(2).getShape());
            long flat = 64L * (H / 4) * (W / 4);
            long expected = (1 * 32 * 16 + 32) + (32 * 64 * 16 + 64) + 2 * (flat * LATENT + LATENT)
                    + (LATENT * flat + flat) + (64 * 32 * 9 + 32) + (32 * 9 + 1);
            assertEquals(1_045_473L, expected);
            assertEquals(expected, block.parameterCount());
            // eval mode: z = μ, so two passes agree, and the encoder alone gives the same (μ, log σ²)
            NDList eval1 = block.forward(parameters, new NDList(x), false);
            NDList eval2 = block.forward(parameters, new NDList(x), false);
            assertEquals(0f, eval1.get(0).sub(eval2.get(0)).abs().max().getFloat(), 0f);
            NDList encoded = block.encode(parameters, x);
            assertEquals(0f, encoded.get(0).sub(eval1.get(1)).abs().max().getFloat(), 0f);
            assertEquals(0f, encoded.get(1).sub(eval1.get(2)).abs().max().getFloat(), 0f);
        }
        assertEquals(1_045_473L, trained.parameterCount());
    }

    /** Every weight and bias is uniform in ±1/√fan_in of its layer, like PyTorch's default initialisation. */
    @Test
    void parametersAreInitialisedLikePyTorch() {
        Map<String, Integer> fanIn = Map.of("conv1", 16, "conv2", 32 * 16, "mu", 64 * 5 * 32, "logvar", 64 * 5 * 32,
                "decoder_dense", LATENT, "deconv1", 64 * 9, "deconv2", 32 * 9);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            ConvVaeBlock block = new ConvVaeBlock(LATENT);
            block.initialize(manager, DataType.FLOAT32, block.batchShape(2));
            int checked = 0;
            for (Pair<String, Parameter> entry : block.getParameters()) {
                String name = entry.getKey().replaceFirst("^\\d+", ""); // DJL prefixes the child's index: 01conv1_weight
                String layer = fanIn.keySet().stream().filter(l -> name.startsWith(l + "_")).findFirst()
                        .orElseThrow(() -> new AssertionError("unknown parameter " + entry.getKey()));
                double bound = 1 / Math.sqrt(fanIn.get(layer));
                float[] values = entry.getValue().getArray().toFloatArray();
                double max = 0;
                double squares = 0;
                for (float v : values) {
                    max = Math.max(max, Math.abs(v));
                    squares += (double) v * v;
                }
                assertTrue(max <= bound * (1 + 1e-6), entry.getKey() + " max " + max + " > " + bound);
                if (values.length >= 1000) {
                    // uniform(−b, b): std b/√3; with ≥ 1000 draws within 6 %
                    double std = Math.sqrt(squares / values.length);
                    assertEquals(bound / Math.sqrt(3), std, 0.06 * bound / Math.sqrt(3), entry.getKey());
                    assertTrue(max >= 0.95 * bound, entry.getKey() + " max " + max + " of " + bound);
                }
                checked++;
            }
            assertEquals(14, checked);
        }
    }

    /** Upsampling is nearest-neighbour ×2 and its gradient sums each 2×2 block of the upstream gradient. */
    @Test
    void upsamplingRepeatsPixelsAndPassesGradientsBack() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            manager.getEngine().setRandomSeed(3);
            NDArray x = manager.randomNormal(new Shape(2, 3, 4, 5));
            NDArray weights = manager.randomNormal(new Shape(2, 3, 8, 10));
            x.setRequiresGradient(true);
            NDArray up;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                up = ConvVaeBlock.upsample(x);
                collector.backward(up.mul(weights).sum());
            }
            assertEquals(new Shape(2, 3, 8, 10), up.getShape());
            float[] xs = x.toFloatArray();
            float[] ups = up.toFloatArray();
            float[] ws = weights.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int plane = 0; plane < 6; plane++) {
                for (int r = 0; r < 8; r++) {
                    for (int c = 0; c < 10; c++) {
                        assertEquals(xs[plane * 20 + (r / 2) * 5 + c / 2], ups[plane * 80 + r * 10 + c], 0f);
                    }
                }
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 5; c++) {
                        int o = plane * 80 + 2 * r * 10 + 2 * c;
                        double expected = ws[o] + ws[o + 1] + ws[o + 10] + ws[o + 11];
                        assertEquals(expected, grad[plane * 20 + r * 5 + c], 1e-5);
                    }
                }
            }
        }
    }

    /** One backward pass reaches every parameter: the decoder's upsampling does not cut the graph. */
    @Test
    void gradientReachesEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            manager.getEngine().setRandomSeed(4);
            ConvVaeBlock block = new ConvVaeBlock(LATENT);
            block.initialize(manager, DataType.FLOAT32, block.batchShape(4));
            NDArray x = manager.create(java.util.Arrays.copyOf(patches4d.floats(), 4 * H * W), block.batchShape(4));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), true);
                collector.backward(new VaeLoss(1f).terms(x, out).total());
            }
            for (Pair<String, Parameter> entry : block.getParameters()) {
                float norm = entry.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(norm > 0 && Float.isFinite(norm), entry.getKey() + " gradient L1 " + norm);
            }
        }
    }

    @Test
    void lossFallsOverSixEpochsOnSyntheticPatches() {
        List<TrainingHistory.Epoch> epochs = trained.history().epochs();
        assertEquals(6, epochs.size());
        double first = epochs.getFirst().total();
        double last = epochs.getLast().total();
        System.out.printf("ConvVAE %d patches, 6 epochs: loss %.1f -> %.1f (factor %.2f), recon %.1f, KL %.2f%n",
                PATCHES, first, last, first / last, epochs.getLast().reconstruction(), epochs.getLast().kl());
        assertTrue(first / last >= 1.5, "loss fell only from " + first + " to " + last);
        for (int i = 1; i < epochs.size(); i++) {
            assertTrue(epochs.get(i).total() < epochs.get(i - 1).total(), "epoch " + (i + 1) + " did not improve");
        }
    }

    @Test
    void latentsAndLogVariancesHaveOneRowPerPatch() {
        assertArrayEquals(new int[] {PATCHES, LATENT}, trained.latents().shape());
        assertArrayEquals(new int[] {PATCHES, LATENT}, trained.logVars().shape());
        for (float v : trained.latents().floats()) {
            assertTrue(Float.isFinite(v));
        }
        for (float v : trained.logVars().floats()) {
            assertTrue(Float.isFinite(v));
        }
    }

    /** The same seed gives identical latents, whether the patches come with the channel axis or without. */
    @Test
    void sameSeedGivesIdenticalLatentsWithOrWithoutTheChannelAxis() {
        TrainedVae again = new VaeTrainer(Device.cpu()).train("conv_vae", new ConvVaeBlock(LATENT), patches3d,
                SETTINGS, (e, total) -> { });
        assertArrayEquals(trained.latents().floats(), again.latents().floats());
        assertArrayEquals(trained.logVars().floats(), again.logVars().floats());
        assertArrayEquals(trained.parameters(), again.parameters());
        TrainedVae otherSeed = new VaeTrainer(Device.cpu()).train("conv_vae", new ConvVaeBlock(LATENT), patches4d,
                new VaeSettings(LATENT, 1, 16, 1e-3f, 1f, 6L), (e, total) -> { });
        assertTrue(otherSeed.latents().floats()[0] != trained.latents().floats()[0], "another seed, other latents");
    }

    /**
     * Garbage collection during training changes nothing. A second thread collects garbage without pause and fills
     * freshly allocated native memory with NaN bytes, so a constant of the graph whose memory was freed before the
     * backward pass (see {@link GraphConstant}) would show up as different parameters or a diverged training.
     */
    @Test
    void garbageCollectionDuringTrainingChangesNothing() throws InterruptedException {
        AtomicBoolean training = new AtomicBoolean(true);
        Thread collector = Thread.ofPlatform().daemon().start(() -> {
            List<ByteBuffer> poison = new ArrayList<>();
            while (training.get()) {
                for (int i = 0; i < 256; i++) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(Float.BYTES);
                    buffer.putFloat(0, Float.NaN);
                    poison.add(buffer);
                }
                if (poison.size() > 4096) {
                    poison.clear();
                    System.gc();
                }
            }
        });
        TrainedVae underPressure;
        try {
            underPressure = new VaeTrainer(Device.cpu()).train("conv_vae", new ConvVaeBlock(LATENT), patches4d,
                    SETTINGS, (e, total) -> { });
        } finally {
            training.set(false);
            collector.join();
        }
        assertArrayEquals(trained.parameters(), underPressure.parameters());
    }

    @Test
    void savedParametersReloadToTheSameLatents() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            ConvVaeBlock loaded = ConvVaeBlock.load(trained.parameters(), H, W, LATENT, manager);
            VaeTrainer.Latents latents = VaeTrainer.encodeAll(loaded, patches3d, manager);
            assertArrayEquals(trained.latents().floats(), latents.means().floats());
            assertArrayEquals(trained.logVars().floats(), latents.logVars().floats());
            assertThrows(IllegalArgumentException.class,
                    () -> ConvVaeBlock.load(trained.parameters(), H, W, 16, manager));
        }
    }

    @Test
    void rejectsPatchSidesThatAreNotMultiplesOfFourAndWrongInputs() {
        assertThrows(IllegalArgumentException.class, () -> new ConvVaeBlock(18, 128, LATENT));
        assertThrows(IllegalArgumentException.class, () -> new ConvVaeBlock(20, 130, LATENT));
        NpyArray wrong = NpyArray.ofFloats(new float[2 * 2 * H * W], 2, 2, H, W);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VaeTrainer(Device.cpu())
                .train("conv_vae", new ConvVaeBlock(LATENT), wrong, SETTINGS, (epoch, total) -> { }));
        assertTrue(e.getMessage().contains("(N, 1, 20, 128)"), e.getMessage());
    }
}
