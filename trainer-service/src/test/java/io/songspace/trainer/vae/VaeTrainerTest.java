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
import ai.djl.training.ParameterStore;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VaeTrainerTest {

    private static final int ROWS = 600;
    private static final int COLS = 40;
    private static final VaeSettings SETTINGS = new VaeSettings(32, 30, 64, 1e-3f, 1f, 7L);

    private static NpyArray features;
    private static TrainedVae trained;
    private static final List<Integer> epochsSeen = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        TorchRuntime.start(1);
        features = gaussianClusters(ROWS, COLS, 5, 11L);
        trained = new VaeTrainer(Device.cpu()).train("vae", features, SETTINGS, (e, total) -> epochsSeen.add(e.epoch()));
    }

    /** {@code k} Gaussian blobs (centres N(0, 2²), spread 0.5), rows shuffled across blobs. */
    static NpyArray gaussianClusters(int rows, int cols, int k, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[k][cols];
        for (double[] centre : centres) {
            for (int j = 0; j < cols; j++) {
                centre[j] = 2 * random.nextGaussian();
            }
        }
        float[] data = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double[] centre = centres[random.nextInt(k)];
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = (float) (centre[j] + 0.5 * random.nextGaussian());
            }
        }
        return NpyArray.ofFloats(data, rows, cols);
    }

    @Test
    void blockHasTheStudyShapesAndParameterCount() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            VaeBlock block = new VaeBlock(COLS, 32);
            block.initialize(manager, DataType.FLOAT32, new Shape(8, COLS));
            NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(8, COLS))), true);
            assertEquals(new Shape(8, COLS), out.get(0).getShape());
            assertEquals(new Shape(8, 32), out.get(1).getShape());
            assertEquals(new Shape(8, 32), out.get(2).getShape());
            long expected = (40 * 512 + 512) + (512 * 256 + 256) + 2 * (256 * 32 + 32)
                    + (32 * 256 + 256) + (256 * 512 + 512) + (512 * 40 + 40);
            long actual = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertEquals(expected, actual);
            assertEquals(expected, block.parameterCount());
            assertEquals(new Shape(COLS), block.sampleShape());
            NDList encoded = block.encode(new ParameterStore(manager, false), manager.ones(new Shape(8, COLS)));
            assertEquals(0f, encoded.get(0).sub(out.get(1)).abs().max().getFloat(), 0f, "encode gives forward's μ");
            assertEquals(0f, encoded.get(1).sub(out.get(2)).abs().max().getFloat(), 0f, "encode gives forward's log σ²");
        }
        assertEquals(expectedParameters(COLS, 32), trained.parameterCount());
    }

    static long expectedParameters(int cols, int latent) {
        return (cols * 512L + 512) + (512 * 256 + 256) + 2 * (256L * latent + latent)
                + (latent * 256L + 256) + (256 * 512 + 512) + (512L * cols + cols);
    }

    @Test
    void lossTermsMatchTheFormulas() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            float[] x = {1, 2, 3, 4};
            float[] recon = {1.5f, 2, 2, 4};
            float[] mu = {0.5f, -1, 0, 2};
            float[] logVar = {0, 0.5f, -1, 1};
            NDList predictions = new NDList(manager.create(recon, new Shape(2, 2)), manager.create(mu, new Shape(2, 2)),
                    manager.create(logVar, new Shape(2, 2)));
            VaeLoss.Terms terms = new VaeLoss(4f).terms(manager.create(x, new Shape(2, 2)), predictions);
            // rows: (0.25 + 0) and (1 + 0) → mean 0.625
            assertEquals(0.625, terms.reconstruction().getFloat(), 1e-6);
            double kl = 0;
            for (int i = 0; i < 4; i++) {
                kl += -0.5 * (1 + logVar[i] - mu[i] * mu[i] - Math.exp(logVar[i]));
            }
            assertEquals(kl / 2, terms.kl().getFloat(), 1e-5);
            assertEquals(0.625 + 4 * kl / 2, terms.total().getFloat(), 1e-5);
            assertEquals(Map.of(), terms.parts(), "a whole-sample reconstruction has no parts");
        }
    }

    @Test
    void reconstructionSumsOverEveryNonBatchAxisOfPatches() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            Random random = new Random(5);
            float[] x = new float[3 * 2 * 4 * 5];
            float[] recon = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
                recon[i] = (float) random.nextGaussian();
            }
            double expected = 0;
            for (int i = 0; i < x.length; i++) {
                expected += ((double) recon[i] - x[i]) * ((double) recon[i] - x[i]);
            }
            expected /= 3; // mean over the batch of 3 samples of 2×4×5 values
            Shape shape = new Shape(3, 2, 4, 5);
            NDArray actual = VaeLoss.reconstruction(manager.create(x, shape), manager.create(recon, shape));
            assertEquals(expected, actual.getFloat(), 1e-4);
        }
    }

    @Test
    void klIsNeverNegativeAndZeroAtThePrior() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            NDArray mu = manager.randomNormal(0, 3, new Shape(256, 16), DataType.FLOAT32);
            NDArray logVar = manager.randomNormal(0, 3, new Shape(256, 16), DataType.FLOAT32);
            NDArray perRow = logVar.add(1f).sub(mu.square()).sub(logVar.exp()).mul(-0.5f).sum(new int[] {1});
            assertTrue(perRow.min().getFloat() >= 0, "per-row KL " + perRow.min().getFloat());
            NDArray zeros = manager.zeros(new Shape(4, 16));
            assertEquals(0f, VaeLoss.kl(zeros, zeros).getFloat(), 0f);
        }
        for (TrainingHistory.Epoch epoch : trained.history().epochs()) {
            assertTrue(epoch.kl() >= 0, "epoch " + epoch.epoch() + " KL " + epoch.kl());
        }
    }

    @Test
    void lossFallsByAtLeastAFactorOfFourOverThirtyEpochs() {
        List<TrainingHistory.Epoch> epochs = trained.history().epochs();
        assertEquals(IntStream.rangeClosed(1, 30).boxed().toList(), epochsSeen);
        double first = epochs.getFirst().total();
        double last = epochs.getLast().total();
        System.out.printf("VAE 600x40, 30 epochs: loss %.3f -> %.3f (factor %.2f), last recon %.3f, KL %.3f%n",
                first, last, first / last, epochs.getLast().reconstruction(), epochs.getLast().kl());
        assertTrue(first / last >= 4, "loss fell only from " + first + " to " + last);
        assertEquals(last, epochs.getLast().reconstruction() + epochs.getLast().kl(), 1e-9);
        assertEquals(Map.of(), epochs.getLast().parts());
        assertEquals("cpu", trained.history().device());
        assertEquals(1.0, trained.history().beta());
    }

    @Test
    void latentsAreTheMeansOfEveryRow() {
        assertArrayEquals(new int[] {ROWS, 32}, trained.latents().shape());
        assertArrayEquals(new int[] {ROWS, 32}, trained.logVars().shape());
        for (float v : trained.latents().floats()) {
            assertTrue(Float.isFinite(v));
        }
        for (float v : trained.logVars().floats()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void sameSeedAndDataGiveTheSameLatents() {
        TrainedVae again = new VaeTrainer(Device.cpu()).train("vae", features, SETTINGS, (e, total) -> { });
        double maxDiff = maxAbsDiff(trained.latents().floats(), again.latents().floats());
        System.out.printf("determinism: max |latent difference| between two trainings = %s%n", maxDiff);
        assertTrue(maxDiff <= 1e-6, "max latent difference " + maxDiff);
        assertEquals(trained.history().epochs().getLast().total(), again.history().epochs().getLast().total(), 1e-6);
    }

    @Test
    void savedParametersReloadToTheSameLatents() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            VaeBlock loaded = VaeBlock.load(trained.parameters(), COLS, 32, manager);
            VaeTrainer.Latents latents = VaeTrainer.encodeAll(loaded, features, manager);
            assertEquals(0.0, maxAbsDiff(trained.latents().floats(), latents.means().floats()));
            assertEquals(0.0, maxAbsDiff(trained.logVars().floats(), latents.logVars().floats()));
            assertEquals(trained.parameterCount(), loaded.parameterCount());
            IllegalArgumentException wrongLatent = assertThrows(IllegalArgumentException.class,
                    () -> VaeBlock.load(trained.parameters(), COLS, 16, manager));
            assertTrue(wrongLatent.getMessage().contains("shapes"), wrongLatent.getMessage());
            assertThrows(IllegalArgumentException.class, () -> VaeBlock.load(trained.parameters(), COLS + 1, 32, manager));
            assertThrows(IllegalArgumentException.class, () -> ConvVaeBlock.load(trained.parameters(), 20, 128, 32,
                    manager));
        }
    }

    /**
     * The trainer's own loop and Adam step give bit for bit what DJL's {@code Trainer} with its {@code Adam}
     * optimizer (fixed learning rate, local parameter server) gives, the way this class trained before: the same
     * latents and the same per-batch losses.
     */
    @Test
    void trainingLoopReproducesDjlTrainerWithAdamExactly() {
        NpyArray small = gaussianClusters(200, COLS, 4, 19L);
        VaeSettings settings = new VaeSettings(16, 3, 32, 1e-3f, 1f, 23L);
        TrainedVae fast = new VaeTrainer(Device.cpu()).train("vae", small, settings, (e, total) -> { });
        DjlTrainerReference.Result reference = DjlTrainerReference.train(small, settings);
        double maxDiff = maxAbsDiff(reference.latents(), fast.latents().floats());
        System.out.printf("own loop vs DJL Trainer+Adam: max |latent difference| = %s%n", maxDiff);
        assertEquals(0.0, maxDiff);
        List<TrainingHistory.Epoch> epochs = fast.history().epochs();
        for (int i = 0; i < epochs.size(); i++) {
            assertEquals(reference.reconstruction()[i], epochs.get(i).reconstruction(), 0.0, "epoch " + (i + 1));
            assertEquals(reference.kl()[i], epochs.get(i).kl(), 0.0, "epoch " + (i + 1));
        }
    }

    @Test
    void rejectsMismatchedSettingsNetworksAndInputs() {
        VaeTrainer trainer = new VaeTrainer(Device.cpu());
        VaeSettings settings = new VaeSettings(8, 1, 16, 1e-3f, 1f, 1L);
        NpyArray small = gaussianClusters(32, COLS, 2, 3L);
        IllegalArgumentException latent = assertThrows(IllegalArgumentException.class,
                () -> trainer.train("vae", new VaeBlock(COLS, 16), small, settings, (e, total) -> { }));
        assertTrue(latent.getMessage().contains("latent"), latent.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> trainer.train("vae", new VaeBlock(COLS + 1, 8), small, settings, (e, total) -> { }));
        assertTrue(width.getMessage().contains("(N, 41)"), width.getMessage());
        NpyArray doubles = NpyArray.ofDoubles(new double[32 * COLS], 32, COLS);
        assertThrows(IllegalArgumentException.class, () -> trainer.train("vae", doubles, settings, (e, total) -> { }));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
            VaeBlock initialised = new VaeBlock(COLS, 8);
            initialised.initialize(manager, DataType.FLOAT32, new Shape(16, COLS));
            assertThrows(IllegalArgumentException.class,
                    () -> trainer.train("vae", initialised, small, settings, (e, total) -> { }));
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    @Test
    void nonFiniteInputIsRejectedNamingTheRow() {
        float[] data = features.floats().clone();
        data[7 * COLS + 3] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VaeTrainer(Device.cpu())
                .train("vae", NpyArray.ofFloats(data, ROWS, COLS), SETTINGS, (epoch, total) -> { }));
        assertTrue(e.getMessage().contains("input row 7 holds NaN"), e.getMessage());
    }

    @Test
    void aDivergingTrainingStopsWithTheEpochInsteadOfWritingNanLatents() {
        // Adam steps of size ~1e6 blow every activation past float32's range within a couple of epochs
        VaeSettings explosive = new VaeSettings(8, 10, 64, 1e6f, 1f, 7L);
        List<Integer> seen = new ArrayList<>();
        VaeTrainer.Diverged e = assertThrows(VaeTrainer.Diverged.class, () -> new VaeTrainer(Device.cpu())
                .train("vae", features, explosive, (epoch, total) -> seen.add(epoch.epoch())));
        assertTrue(e.getMessage().startsWith("vae diverged in epoch " + (seen.size() + 1) + " of 10 at learning rate "
                + "1000000.0: the loss was not finite in"), e.getMessage());
        assertTrue(seen.size() < 10, "stopped early, after " + seen);
    }
}
