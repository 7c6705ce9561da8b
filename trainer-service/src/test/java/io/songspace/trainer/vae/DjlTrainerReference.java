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
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.songspace.common.npy.NpyArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Basic VAE trained through DJL's own training API ({@code Model}, {@code Trainer}, {@code Adam} with a fixed
 * learning rate), with the same seeding, shuffle and batching as {@link VaeTrainer}: the reference its faster loop
 * must match exactly.
 */
final class DjlTrainerReference {

    /** Latent means (N×latent, row-major) and per-epoch mean reconstruction and KL. */
    record Result(float[] latents, double[] reconstruction, double[] kl) {
    }

    private DjlTrainerReference() {
    }

    static Result train(NpyArray features, VaeSettings settings) {
        float[] data = features.floats();
        int rows = features.shape()[0];
        int cols = features.shape()[1];
        Engine engine = Engine.getEngine(TorchRuntime.ENGINE);
        engine.setRandomSeed(Long.hashCode(settings.seed()));
        Random shuffler = new Random(settings.seed());
        VaeLoss loss = new VaeLoss(settings.beta());
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                .optDevices(new Device[] {Device.cpu()});
        double[] reconstruction = new double[settings.epochs()];
        double[] kl = new double[settings.epochs()];
        try (Model model = Model.newInstance("reference", Device.cpu(), TorchRuntime.ENGINE)) {
            VaeBlock block = new VaeBlock(cols, settings.latentDim());
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), cols));
                List<Integer> order = IntStream.range(0, rows).boxed().collect(Collectors.toCollection(ArrayList::new));
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    Collections.shuffle(order, shuffler);
                    double reconstructionSum = 0;
                    double klSum = 0;
                    for (int from = 0; from < rows; from += settings.batchSize()) {
                        int size = Math.min(settings.batchSize(), rows - from);
                        float[] batch = new float[size * cols];
                        for (int i = 0; i < size; i++) {
                            System.arraycopy(data, order.get(from + i) * cols, batch, i * cols, cols);
                        }
                        try (NDManager batchManager = trainer.getManager().newSubManager()) {
                            NDArray x = batchManager.create(batch, new Shape(size, cols));
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
                    reconstruction[epoch] = reconstructionSum / rows;
                    kl[epoch] = klSum / rows;
                }
                float[] latents = VaeTrainer.encode(block, features, trainer.getManager()).floats();
                return new Result(latents, reconstruction, kl);
            }
        }
    }
}
