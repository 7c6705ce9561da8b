package io.songspace.trainer.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The study's convolutional VAE on one-channel MFCC patches (1×H×W, the study's 1×20×128):
 * <ul>
 * <li>encoder Conv2d 1→32 and 32→64 (kernel 4, stride 2, padding 1, each followed by ReLU): 1×H×W → 32×H/2×W/2 →
 * 64×H/4×W/4, flattened, then dense μ and log σ² heads;</li>
 * <li>decoder dense latent → 64·H/4·W/4 with ReLU, reshaped to 64×H/4×W/4, then twice (nearest-neighbour upsampling
 * ×2, Conv2d kernel 3, padding 1): 64→32 with ReLU, 32→1 with a linear output, giving exactly 1×H×W.</li>
 * </ul>
 * The study's decoder used transposed convolutions, which DJL's PyTorch engine does not implement; upsampling
 * followed by a size-keeping convolution takes their place. Every layer is initialised like PyTorch's defaults
 * (weights and biases uniform in ±1/√fan_in). The forward pass returns (reconstruction, μ, log σ²); when not training
 * z = μ.
 */
public final class ConvVaeBlock extends AbstractBlock implements VaeNetwork {

    /** The study's MFCC patch: 20 coefficients × 128 frames. */
    public static final int STUDY_HEIGHT = 20;
    public static final int STUDY_WIDTH = 128;

    private static final byte VERSION = 1;
    private static final int CHANNELS_1 = 32;
    private static final int CHANNELS_2 = 64;
    /** Nearest-neighbour mode of {@code NDArrayEx.interpolation}. */
    private static final int NEAREST = 0;

    private final int height;
    private final int width;
    private final int latentDim;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Linear muHead;
    private final Linear logVarHead;
    private final Linear decoderDense;
    private final Conv2d deconv1;
    private final Conv2d deconv2;

    /** The study's ConvVAE: 1×20×128 patches. */
    public ConvVaeBlock(int latentDim) {
        this(STUDY_HEIGHT, STUDY_WIDTH, latentDim);
    }

    /** A ConvVAE on 1×height×width samples; both sides must be multiples of 4. */
    public ConvVaeBlock(int height, int width, int latentDim) {
        super(VERSION);
        if (height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("patch sides must be positive multiples of 4, got " + height + "×" + width);
        }
        if (latentDim < 1) {
            throw new IllegalArgumentException("latent size must be >= 1, got " + latentDim);
        }
        this.height = height;
        this.width = width;
        this.latentDim = latentDim;
        int flat = flatSize();
        conv1 = addChildBlock("conv1", conv(1, CHANNELS_1, 4, 2, 1));
        conv2 = addChildBlock("conv2", conv(CHANNELS_1, CHANNELS_2, 4, 2, 1));
        muHead = addChildBlock("mu", VaeBlock.linear(flat, latentDim));
        logVarHead = addChildBlock("logvar", VaeBlock.linear(flat, latentDim));
        decoderDense = addChildBlock("decoder_dense", VaeBlock.linear(latentDim, flat));
        deconv1 = addChildBlock("deconv1", conv(CHANNELS_2, CHANNELS_1, 3, 1, 1));
        deconv2 = addChildBlock("deconv2", conv(CHANNELS_1, 1, 3, 1, 1));
    }

    /**
     * A block with the parameters written by {@link #parameterBytes()}, for the same patch and latent size; their
     * arrays live in {@code manager}.
     *
     * @throws IllegalArgumentException if the bytes are not the parameters of a ConvVAE of these sizes
     */
    public static ConvVaeBlock load(byte[] parameters, int height, int width, int latentDim, NDManager manager) {
        ConvVaeBlock block = new ConvVaeBlock(height, width, latentDim);
        int flat = block.flatSize();
        List<Shape> shapes = List.of(
                new Shape(CHANNELS_1, 1, 4, 4), new Shape(CHANNELS_1),
                new Shape(CHANNELS_2, CHANNELS_1, 4, 4), new Shape(CHANNELS_2),
                new Shape(latentDim, flat), new Shape(latentDim),
                new Shape(latentDim, flat), new Shape(latentDim),
                new Shape(flat, latentDim), new Shape(flat),
                new Shape(CHANNELS_1, CHANNELS_2, 3, 3), new Shape(CHANNELS_1),
                new Shape(1, CHANNELS_1, 3, 3), new Shape(1));
        return VaeBlock.loadInto(block, parameters, manager, shapes,
                "a ConvVAE " + height + "×" + width + "→" + latentDim);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    /** (1, H, W): one single-channel patch. */
    @Override
    public Shape sampleShape() {
        return new Shape(1, height, width);
    }

    @Override
    public NDList encode(ParameterStore parameterStore, NDArray input) {
        return encodeInternal(parameterStore, input, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList encoded = encodeInternal(parameterStore, inputs.singletonOrThrow(), training);
        NDArray mu = encoded.get(0);
        NDArray logVar = encoded.get(1);
        NDArray z = training ? VaeBlock.reparameterize(mu, logVar) : mu;
        return new NDList(decode(parameterStore, z, training), mu, logVar);
    }

    private NDList encodeInternal(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray h = Activation.relu(conv1.forward(parameterStore, new NDList(x), training).singletonOrThrow());
        h = Activation.relu(conv2.forward(parameterStore, new NDList(h), training).singletonOrThrow());
        NDList flat = new NDList(h.reshape(h.getShape().get(0), flatSize()));
        return new NDList(muHead.forward(parameterStore, flat, training).singletonOrThrow(),
                logVarHead.forward(parameterStore, flat, training).singletonOrThrow());
    }

    private NDArray decode(ParameterStore parameterStore, NDArray z, boolean training) {
        NDArray h = Activation.relu(decoderDense.forward(parameterStore, new NDList(z), training).singletonOrThrow());
        h = h.reshape(z.getShape().get(0), CHANNELS_2, height / 4, width / 4);
        h = Activation.relu(deconv1.forward(parameterStore, new NDList(upsample(h)), training).singletonOrThrow());
        return deconv2.forward(parameterStore, new NDList(upsample(h)), training).singletonOrThrow();
    }

    /** Nearest-neighbour upsampling ×2 of the two spatial axes of a B×C×H×W array (differentiable). */
    static NDArray upsample(NDArray x) {
        Shape shape = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {2 * shape.get(2), 2 * shape.get(3)}, NEAREST, false);
    }

    private int flatSize() {
        return CHANNELS_2 * (height / 4) * (width / 4);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, 1, height, width), new Shape(batch, latentDim),
                new Shape(batch, latentDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        conv1.initialize(manager, dataType, inputShapes);
        conv2.initialize(manager, dataType, conv1.getOutputShapes(inputShapes));
        Shape flat = new Shape(batch, flatSize());
        muHead.initialize(manager, dataType, flat);
        logVarHead.initialize(manager, dataType, flat);
        decoderDense.initialize(manager, dataType, new Shape(batch, latentDim));
        deconv1.initialize(manager, dataType, new Shape(batch, CHANNELS_2, height / 2, width / 2));
        deconv2.initialize(manager, dataType, new Shape(batch, CHANNELS_1, height, width));
    }

    /** A 2-D convolution initialised like PyTorch's {@code nn.Conv2d}: weights and biases uniform in ±1/√fan_in. */
    private static Conv2d conv(int inChannels, int filters, int kernel, int stride, int padding) {
        Conv2d layer = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).build();
        layer.setInitializer(new UniformInitializer((float) (1 / Math.sqrt((double) inChannels * kernel * kernel))),
                parameter -> true);
        return layer;
    }
}
