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
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The study's Basic VAE: encoder D→512→256 (ReLU) with μ and log σ² heads, reparameterization
 * z = μ + exp(½ log σ²)·ε, decoder latent→256→512→D (ReLU hidden, linear output). The forward pass returns
 * (reconstruction, μ, log σ²); when not training z = μ, so evaluation is deterministic.
 */
public final class VaeBlock extends AbstractBlock {

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

    /** A block with the parameters written by {@link #parameterBytes()}, for the same input and latent size. */
    public static VaeBlock load(byte[] parameters, int inputDim, int latentDim, NDManager manager) {
        VaeBlock block = new VaeBlock(inputDim, latentDim);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("not the parameters of a VAE " + inputDim + "→" + latentDim, e);
        }
        return block;
    }

    public int inputDim() {
        return inputDim;
    }

    public int latentDim() {
        return latentDim;
    }

    /** The parameters in DJL's format ({@code saveParameters}), as stored in {@code models/vae.params}. */
    public byte[] parameterBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
    private static NDArray reparameterize(NDArray mu, NDArray logVar) {
        NDArray epsilon = mu.getManager().randomNormal(mu.getShape());
        return mu.add(logVar.mul(0.5f).exp().mul(epsilon));
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
    private static Linear linear(int fanIn, int units) {
        Linear layer = Linear.builder().setUnits(units).build();
        layer.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(fanIn))), parameter -> true);
        return layer;
    }
}
