package io.songspace.trainer.vae;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Trains a {@link VaeBlock} on a float32 N×D matrix with Adam, mini-batches reshuffled every epoch, and returns
 * the latent means (eval mode), the parameters and the history. Given the same seed, data and CPU thread count,
 * two trainings give the same latents: the engine's generator (initial weights, ε) is seeded from the settings
 * and the shuffle uses a {@link Random} with the same seed. Every batch lives in its own NDManager.
 */
public final class VaeTrainer {

    /** Rows per forward pass when computing latents; bounds memory, not results. */
    private static final int ENCODE_ROWS = 1024;

    private final Device device;

    public VaeTrainer(Device device) {
        this.device = device;
    }

    public Device device() {
        return device;
    }

    public TrainedVae train(String modelName, NpyArray features, VaeSettings settings, EpochListener listener) {
        float[] data = floatMatrix(features);
        int rows = features.shape()[0];
        int cols = features.shape()[1];
        if (rows == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        Engine engine = Engine.getEngine(TorchRuntime.ENGINE);
        engine.setRandomSeed(Long.hashCode(settings.seed()));
        Random shuffler = new Random(settings.seed());
        VaeLoss loss = new VaeLoss(settings.beta());
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                .optDevices(new Device[] {device});

        try (Model model = Model.newInstance(modelName, device, TorchRuntime.ENGINE)) {
            VaeBlock block = new VaeBlock(cols, settings.latentDim());
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), cols));
                List<Integer> order = IntStream.range(0, rows).boxed().collect(Collectors.toCollection(ArrayList::new));
                List<TrainingHistory.Epoch> epochs = new ArrayList<>();
                long start = System.nanoTime();
                for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    Collections.shuffle(order, shuffler);
                    double reconstructionSum = 0;
                    double klSum = 0;
                    for (int from = 0; from < rows; from += settings.batchSize()) {
                        int size = Math.min(settings.batchSize(), rows - from);
                        try (NDManager batchManager = trainer.getManager().newSubManager()) {
                            NDArray x = batchManager.create(gather(data, cols, order, from, size), new Shape(size, cols));
                            VaeLoss.Terms terms;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                terms = loss.terms(x, trainer.forward(new NDList(x)));
                                collector.backward(terms.total());
                            }
                            trainer.step();
                            reconstructionSum += (double) terms.reconstruction().getFloat() * size;
                            klSum += (double) terms.kl().getFloat() * size;
                        }
                    }
                    double reconstruction = reconstructionSum / rows;
                    double kl = klSum / rows;
                    TrainingHistory.Epoch done = new TrainingHistory.Epoch(epoch, reconstruction + settings.beta() * kl,
                            reconstruction, kl, (System.nanoTime() - epochStart) / 1e6);
                    epochs.add(done);
                    listener.onEpoch(done, settings.epochs());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                NpyArray latents = encode(block, features, trainer.getManager());
                TrainingHistory history = new TrainingHistory(modelName, settings.beta(),
                        TorchRuntime.describe(device), List.copyOf(epochs), seconds);
                return new TrainedVae(latents, block.parameterBytes(), history);
            }
        }
    }

    /** The latent means μ of every row (eval mode: no sampling), float32 N×latent in row order. */
    public static NpyArray encode(VaeBlock block, NpyArray features, NDManager manager) {
        float[] data = floatMatrix(features);
        int rows = features.shape()[0];
        int cols = features.shape()[1];
        if (cols != block.inputDim()) {
            throw new IllegalArgumentException("the VAE takes " + block.inputDim() + " features, the matrix has " + cols);
        }
        int latentDim = block.latentDim();
        float[] latents = new float[rows * latentDim];
        ParameterStore parameters = new ParameterStore(manager, false);
        for (int from = 0; from < rows; from += ENCODE_ROWS) {
            int size = Math.min(ENCODE_ROWS, rows - from);
            try (NDManager chunkManager = manager.newSubManager()) {
                NDArray x = chunkManager.create(Arrays.copyOfRange(data, from * cols, (from + size) * cols),
                        new Shape(size, cols));
                float[] mu = block.forward(parameters, new NDList(x), false).get(1).toFloatArray();
                System.arraycopy(mu, 0, latents, from * latentDim, mu.length);
            }
        }
        return NpyArray.ofFloats(latents, rows, latentDim);
    }

    private static float[] floatMatrix(NpyArray features) {
        if (features.shape().length != 2 || features.floats() == null) {
            throw new IllegalArgumentException("expected a float32 N×D matrix, got shape "
                    + Arrays.toString(features.shape()) + (features.floats() == null ? " (not float32)" : ""));
        }
        return features.floats();
    }

    /** Rows {@code order[from..from+size)} of the row-major matrix, packed. */
    private static float[] gather(float[] data, int cols, List<Integer> order, int from, int size) {
        float[] batch = new float[size * cols];
        for (int i = 0; i < size; i++) {
            System.arraycopy(data, order.get(from + i) * cols, batch, i * cols, cols);
        }
        return batch;
    }
}
