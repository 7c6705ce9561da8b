package io.songspace.trainer.vae;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The study's Basic VAE: encoder D→512→256 (ReLU) with μ and log σ² heads, reparameterization
 * z = μ + exp(½ log σ²)·ε, decoder latent→256→512→D (ReLU hidden, linear output). The forward pass returns
 * (reconstruction, μ, log σ²); when not training z = μ, so evaluation is deterministic. With {@link VaeLoss}'s β it
 * is also the study's β-VAE (β = 1 is the Basic VAE). Dense layers are initialised like PyTorch's {@code nn.Linear}.
 */
public final class VaeBlock extends AbstractBlock implements VaeNetwork {

    private static final byte VERSION = 1;
    private static final int HIDDEN_WIDE = 512;
    private static final int HIDDEN_NARROW = 256;

    private final int inputDim;
    private final int latentDim;
    private final SequentialBlock encoder;
    private final Linear muHead;
    private final Linear logVarHead;
    private final SequentialBlock decoder;

    public VaeBlock(int inputDim, int latentDim) {
        super(VERSION);
        this.inputDim = inputDim;
        this.latentDim = latentDim;
        encoder = addChildBlock("encoder", new SequentialBlock()
                .add(linear(inputDim, HIDDEN_WIDE)).add(Activation.reluBlock())
                .add(linear(HIDDEN_WIDE, HIDDEN_NARROW)).add(Activation.reluBlock()));
        muHead = addChildBlock("mu", linear(HIDDEN_NARROW, latentDim));
        logVarHead = addChildBlock("logvar", linear(HIDDEN_NARROW, latentDim));
        decoder = addChildBlock("decoder", new SequentialBlock()
                .add(linear(latentDim, HIDDEN_NARROW)).add(Activation.reluBlock())
                .add(linear(HIDDEN_NARROW, HIDDEN_WIDE)).add(Activation.reluBlock())
                .add(linear(HIDDEN_WIDE, inputDim)));
    }

    /**
     * A block with the parameters written by {@link #parameterBytes()}, for the same input and latent size; their
     * arrays live in {@code manager}.
     *
     * @throws IllegalArgumentException if the bytes are not the parameters of a VAE of these sizes
     */
    public static VaeBlock load(byte[] parameters, int inputDim, int latentDim, NDManager manager) {
        VaeBlock block = new VaeBlock(inputDim, latentDim);
        int[][] layers = {{inputDim, HIDDEN_WIDE}, {HIDDEN_WIDE, HIDDEN_NARROW}, {HIDDEN_NARROW, latentDim},
                {HIDDEN_NARROW, latentDim}, {latentDim, HIDDEN_NARROW}, {HIDDEN_NARROW, HIDDEN_WIDE},
                {HIDDEN_WIDE, inputDim}};
        return loadInto(block, parameters, manager, denseShapes(layers), "a VAE " + inputDim + "→" + latentDim);
    }

    /** The parameter shapes of dense layers given as {in, out} pairs: weight (out, in), then bias (out), each. */
    static List<Shape> denseShapes(int[][] layers) {
        List<Shape> shapes = new ArrayList<>();
        for (int[] layer : layers) {
            shapes.add(new Shape(layer[1], layer[0]));
            shapes.add(new Shape(layer[1]));
        }
        return shapes;
    }

    /**
     * Reads {@code parameters} into the fresh {@code block} and checks that its parameters, in order, have the
     * {@code expected} shapes (DJL's format names the parameters but does not check their shapes).
     */
    static <B extends AbstractBlock> B loadInto(B block, byte[] parameters, NDManager manager, List<Shape> expected,
            String what) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("not the parameters of " + what, e);
        }
        List<Shape> actual = block.getParameters().values().stream().map(p -> p.getArray().getShape()).toList();
        if (!actual.equals(expected)) {
            block.clear();
            throw new IllegalArgumentException("not the parameters of " + what + ": shapes " + actual + ", expected "
                    + expected);
        }
        return block;
    }

    public int inputDim() {
        return inputDim;
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    /** (D): one feature vector. */
    @Override
    public Shape sampleShape() {
        return new Shape(inputDim);
    }

    @Override
    public NDList encode(ParameterStore parameterStore, NDArray input) {
        NDList hidden = encoder.forward(parameterStore, new NDList(input), false);
        return new NDList(muHead.forward(parameterStore, hidden, false).singletonOrThrow(),
                logVarHead.forward(parameterStore, hidden, false).singletonOrThrow());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList hidden = encoder.forward(parameterStore, inputs, training);
        NDArray mu = muHead.forward(parameterStore, hidden, training).singletonOrThrow();
        NDArray logVar = logVarHead.forward(parameterStore, hidden, training).singletonOrThrow();
        NDArray z = training ? reparameterize(mu, logVar) : mu;
        NDArray reconstruction = decoder.forward(parameterStore, new NDList(z), training).singletonOrThrow();
        return new NDList(reconstruction, mu, logVar);
    }

    /** z = μ + σ·ε with ε ~ N(0, 1) drawn from the engine's generator (seeded by the trainer). */
    static NDArray reparameterize(NDArray mu, NDArray logVar) {
        NDArray epsilon = mu.getManager().randomNormal(mu.getShape());
        return mu.add(logVar.mul(GraphConstant.like(logVar, 0.5f)).exp().mul(epsilon));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, inputDim), new Shape(batch, latentDim), new Shape(batch, latentDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        Shape[] hidden = encoder.getOutputShapes(inputShapes);
        muHead.initialize(manager, dataType, hidden);
        logVarHead.initialize(manager, dataType, hidden);
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latentDim));
    }

    /**
     * A dense layer initialised like PyTorch's {@code nn.Linear} (weights and biases uniform in ±1/√fan_in), as in
     * the study's model; DJL's default would be He-normal weights and zero biases.
     */
    static Linear linear(int fanIn, int units) {
        Linear layer = Linear.builder().setUnits(units).build();
        layer.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(fanIn))), parameter -> true);
        return layer;
    }
}
