package io.songspace.trainer.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        }
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
        assertEquals("cpu", trained.history().device());
        assertEquals(1.0, trained.history().beta());
    }

    @Test
    void latentsAreTheMeansOfEveryRow() {
        assertArrayEquals(new int[] {ROWS, 32}, trained.latents().shape());
        for (float v : trained.latents().floats()) {
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
            NpyArray latents = VaeTrainer.encode(loaded, features, manager);
            assertEquals(0.0, maxAbsDiff(trained.latents().floats(), latents.floats()));
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
}
