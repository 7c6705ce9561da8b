package io.songspace.trainer.vae;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Trains a {@link VaeNetwork} (the Basic/β-VAE {@link VaeBlock}, the {@link ConvVaeBlock} or the
 * {@link MultimodalVaeBlock}) with Adam on float32 samples, mini-batches reshuffled every epoch (the last partial
 * batch kept), on the loss the network defines ({@link VaeNetwork#lossTerms}), and returns the latent means and
 * log-variances (eval mode), the parameters and the history (with each reconstructed part's error, if any).
 *
 * <p>Given the same seed, data and CPU thread count, two trainings give the same latents: the engine's generator
 * (initial weights, ε) is seeded from the settings and the shuffle uses a {@link Random} with the same seed. Every
 * batch lives in its own sub-manager of the training's NDManager, which is closed when training ends.
 *
 * <p>The optimizer step is DJL's Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay) applied through the engine's
 * fused per-parameter {@code adamUpdate}, exactly as DJL's {@code Trainer} with {@code Adam} and a
 * {@code LocalParameterServer} does, minus the parameter server's copy of every gradient before each update; the
 * results are bit-identical to that path (see the tests).
 */
public final class VaeTrainer {

    /** Input values per forward pass when computing latents (at most 1,024 rows); bounds memory, not results. */
    private static final int ENCODE_VALUES = 1 << 20;
    private static final int ENCODE_MAX_ROWS = 1024;

    private final Device device;

    public VaeTrainer(Device device) {
        this.device = device;
    }

    public Device device() {
        return device;
    }

    /** The latent means and log-variances of every sample, each float32 N×latent in input order. */
    public record Latents(NpyArray means, NpyArray logVars) {
    }

    /** The Basic VAE (β from the settings): a {@link VaeBlock} D→latent trained on a float32 N×D matrix. */
    public TrainedVae train(String modelName, NpyArray features, VaeSettings settings, EpochListener listener) {
        if (features.shape().length != 2) {
            throw new IllegalArgumentException("expected a float32 N×D matrix, got shape "
                    + Arrays.toString(features.shape()));
        }
        return train(modelName, new VaeBlock(features.shape()[1], settings.latentDim()), features, settings, listener);
    }

    /** A training whose loss stopped being finite: its network is useless, the reason says where it broke. */
    public static final class Diverged extends IllegalStateException {
        Diverged(String message) {
            super(message);
        }
    }

    /**
     * Trains a freshly constructed (not yet initialised) {@code network} on {@code input}: float32, shaped
     * (N, sample shape…), e.g. N×40 for a {@link VaeBlock} of width 40, N×1×20×128 for a {@link ConvVaeBlock} or
     * N×(A+T) for a {@link MultimodalVaeBlock}; for networks whose sample starts with a single channel, N×20×128 is
     * accepted too (the channel axis is implied). The network is initialised here from the seed and its arrays are
     * released when this returns: use the returned parameters with the block's {@code load} to evaluate it later.
     *
     * @throws Diverged when an epoch's loss is not finite: the network's latents would poison every clustering
     */
    public TrainedVae train(String modelName, VaeNetwork network, NpyArray input, VaeSettings settings,
            EpochListener listener) {
        if (network.latentDim() != settings.latentDim()) {
            throw new IllegalArgumentException("the network's latent size is " + network.latentDim()
                    + " but the settings ask for " + settings.latentDim());
        }
        if (network.isInitialized()) {
            throw new IllegalArgumentException("pass a fresh network: training initialises it from the seed");
        }
        float[] data = samples(network, input);
        int rows = input.shape()[0];
        if (rows == 0) {
            throw new IllegalArgumentException("no training samples");
        }
        int sampleValues = data.length / rows;
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(modelName + ": input row " + i / sampleValues + " holds "
                        + data[i] + ": training needs finite values");
            }
        }
        int sampleSize = Math.toIntExact(network.sampleShape().size());
        Engine engine = Engine.getEngine(TorchRuntime.ENGINE);
        engine.setRandomSeed(Long.hashCode(settings.seed()));
        Random shuffler = new Random(settings.seed());
        VaeLoss loss = new VaeLoss(settings.beta());

        try (NDManager manager = NDManager.newBaseManager(device, TorchRuntime.ENGINE)) {
            network.initialize(manager, DataType.FLOAT32, network.batchShape(settings.batchSize()));
            ParameterStore parameterStore = new ParameterStore(manager, false);
            AdamStep adam = new AdamStep(network, settings.learningRate(), manager);
            List<Integer> order = IntStream.range(0, rows).boxed().collect(Collectors.toCollection(ArrayList::new));
            List<TrainingHistory.Epoch> epochs = new ArrayList<>();
            long start = System.nanoTime();
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                Collections.shuffle(order, shuffler);
                double reconstructionSum = 0;
                double klSum = 0;
                Map<String, Double> partSums = new LinkedHashMap<>();
                int counted = 0;
                int skipped = 0;
                for (int from = 0; from < rows; from += settings.batchSize()) {
                    int size = Math.min(settings.batchSize(), rows - from);
                    try (NDManager batchManager = manager.newSubManager()) {
                        NDArray x = batchManager.create(gather(data, sampleSize, order, from, size),
                                network.batchShape(size));
                        VaeLoss.Terms terms;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            terms = network.lossTerms(loss, x, network.forward(parameterStore, new NDList(x), true));
                            collector.backward(terms.total());
                        }
                        float batchReconstruction = terms.reconstruction().getFloat();
                        float batchKl = terms.kl().getFloat();
                        if (Float.isFinite(batchReconstruction) && Float.isFinite(batchKl)) {
                            adam.step(batchManager);
                            reconstructionSum += (double) batchReconstruction * size;
                            klSum += (double) batchKl * size;
                            for (Map.Entry<String, NDArray> part : terms.parts().entrySet()) {
                                partSums.merge(part.getKey(), (double) part.getValue().getFloat() * size, Double::sum);
                            }
                            counted += size;
                        } else {
                            // a batch that overflowed would turn every parameter into NaN through its gradients:
                            // drop its update, as PyTorch's GradScaler drops the steps of inf/NaN gradients
                            adam.discard(batchManager);
                            skipped++;
                        }
                    }
                }
                int batches = (rows + settings.batchSize() - 1) / settings.batchSize();
                if (skipped * 10 > batches) {
                    // more than a tenth of the batches overflowed: the network itself broke, stop, saying why
                    throw new Diverged(String.format(Locale.ROOT, "%s diverged in epoch %d of %d at learning rate %s: "
                            + "the loss was not finite in %d of %d batches", modelName, epoch, settings.epochs(),
                            settings.learningRate(), skipped, batches));
                }
                double reconstruction = reconstructionSum / counted;
                double kl = klSum / counted;
                Map<String, Double> parts = new LinkedHashMap<>();
                for (Map.Entry<String, Double> part : partSums.entrySet()) {
                    parts.put(part.getKey(), part.getValue() / counted);
                }
                TrainingHistory.Epoch done = new TrainingHistory.Epoch(epoch, reconstruction + settings.beta() * kl,
                        reconstruction, kl, (System.nanoTime() - epochStart) / 1e6, skipped, parts);
                epochs.add(done);
                listener.onEpoch(done, settings.epochs());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Latents latents = encodeAll(network, input, manager);
            TrainingHistory history = new TrainingHistory(modelName, settings.beta(), TorchRuntime.describe(device),
                    List.copyOf(epochs), seconds);
            return new TrainedVae(latents.means(), latents.logVars(), network.parameterBytes(),
                    network.parameterCount(), history);
        }
    }

    /** The latent means μ of every sample (eval mode: no sampling), float32 N×latent in input order. */
    public static NpyArray encode(VaeNetwork network, NpyArray input, NDManager manager) {
        return encodeAll(network, input, manager).means();
    }

    /**
     * μ and log σ² of every sample in eval mode, in chunks (each in its own sub-manager of {@code manager}, which
     * must be on the device of the network's parameters). {@code input} is shaped as for {@link #train}.
     */
    public static Latents encodeAll(VaeNetwork network, NpyArray input, NDManager manager) {
        float[] data = samples(network, input);
        int rows = input.shape()[0];
        int sampleSize = Math.toIntExact(network.sampleShape().size());
        int latentDim = network.latentDim();
        int chunk = Math.max(1, Math.min(ENCODE_MAX_ROWS, ENCODE_VALUES / sampleSize));
        float[] means = new float[rows * latentDim];
        float[] logVars = new float[rows * latentDim];
        ParameterStore parameters = new ParameterStore(manager, false);
        for (int from = 0; from < rows; from += chunk) {
            int size = Math.min(chunk, rows - from);
            try (NDManager chunkManager = manager.newSubManager()) {
                NDArray x = chunkManager.create(Arrays.copyOfRange(data, from * sampleSize, (from + size) * sampleSize),
                        network.batchShape(size));
                NDList encoded = network.encode(parameters, x);
                System.arraycopy(encoded.get(0).toFloatArray(), 0, means, from * latentDim, size * latentDim);
                System.arraycopy(encoded.get(1).toFloatArray(), 0, logVars, from * latentDim, size * latentDim);
            }
        }
        return new Latents(NpyArray.ofFloats(means, rows, latentDim), NpyArray.ofFloats(logVars, rows, latentDim));
    }

    /**
     * The float32 values of {@code input} after checking its shape: (N, sample…) or, for a sample whose first axis
     * is a single channel, (N, sample without that axis…).
     */
    private static float[] samples(VaeNetwork network, NpyArray input) {
        long[] sample = network.sampleShape().getShape();
        int[] shape = input.shape();
        boolean exact = shape.length == sample.length + 1 && sameAxes(shape, sample, 0);
        boolean channelImplied = sample.length > 1 && sample[0] == 1 && shape.length == sample.length
                && sameAxes(shape, sample, 1);
        if (input.floats() == null || !(exact || channelImplied)) {
            throw new IllegalArgumentException("expected float32 samples shaped (N, "
                    + Arrays.toString(sample).replaceAll("[\\[\\]]", "") + "), got shape " + Arrays.toString(shape)
                    + (input.floats() == null ? " (not float32)" : ""));
        }
        return input.floats();
    }

    /** shape[1..] equals sample[skip..]. */
    private static boolean sameAxes(int[] shape, long[] sample, int skip) {
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] != sample[i - 1 + skip]) {
                return false;
            }
        }
        return true;
    }

    /** Samples {@code order[from..from+size)} of the row-major array, packed. */
    private static float[] gather(float[] data, int sampleSize, List<Integer> order, int from, int size) {
        float[] batch = new float[size * sampleSize];
        for (int i = 0; i < size; i++) {
            System.arraycopy(data, order.get(from + i) * sampleSize, batch, i * sampleSize, sampleSize);
        }
        return batch;
    }

    /**
     * DJL's Adam, step for step: the same bias-corrected learning rate (computed in double from the float β's, as
     * {@code ai.djl.training.optimizer.Adam} does) and the engine's fused {@code adamUpdate} on each parameter,
     * which also zeroes the gradient. The moment estimates live in the training's manager.
     */
    private static final class AdamStep {

        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;

        private final float learningRate;
        private final NDArray[] weights;
        private final NDArray[] means;
        private final NDArray[] variances;
        private int updates;

        AdamStep(VaeNetwork network, float learningRate, NDManager manager) {
            this.learningRate = learningRate;
            List<NDArray> trainable = network.getParameters().values().stream().filter(Parameter::requiresGradient)
                    .map(Parameter::getArray).toList();
            weights = trainable.toArray(NDArray[]::new);
            means = new NDArray[weights.length];
            variances = new NDArray[weights.length];
            for (int i = 0; i < weights.length; i++) {
                means[i] = manager.zeros(weights[i].getShape(), weights[i].getDataType());
                variances[i] = manager.zeros(weights[i].getShape(), weights[i].getDataType());
            }
        }

        /** Zeroes every gradient without an update (the batch's loss was not finite). */
        void discard(NDManager scope) {
            for (NDArray weight : weights) {
                NDArray gradient = weight.getGradient();
                gradient.attach(scope);
                JniUtils.zeroGrad((PtNDArray) gradient);
            }
        }

        /** One update of every parameter from its gradient; the gradients' handles are closed with {@code scope}. */
        void step(NDManager scope) {
            updates++;
            double coef1 = 1.0 - Math.pow(BETA1, updates);
            double coef2 = 1.0 - Math.pow(BETA2, updates);
            float biasCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
            for (int i = 0; i < weights.length; i++) {
                NDArray weight = weights[i];
                NDArray gradient = weight.getGradient();
                gradient.attach(scope);
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, means[i], variances[i]),
                        new NDList(weight), learningRate, biasCorrected, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true,
                        false);
            }
        }
    }
}
