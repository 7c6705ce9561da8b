package io.songspace.trainer.vae;

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
import ai.djl.util.PairList;
import java.util.List;

/**
 * The study's multimodal VAE: one sample is a row [audio | text] of A + T values (the trainer feeds one matrix;
 * this block splits its columns).
 * <ul>
 * <li>encoders audio A→256→128 and text T→256→128 (ReLU after each layer), their codes concatenated (256), then
 * μ and log σ² heads;</li>
 * <li>decoder: shared latent→256 (ReLU), then an audio head 256→256 (ReLU)→A and a text head 256→256 (ReLU)→T,
 * linear outputs.</li>
 * </ul>
 * The forward pass returns ([audio reconstruction | text reconstruction], μ, log σ²); when not training z = μ. The
 * loss weighs each modality's summed squared error by ½ ({@link #lossTerms}), as the study. Dense layers are
 * initialised like PyTorch's {@code nn.Linear}.
 */
public final class MultimodalVaeBlock extends AbstractBlock implements VaeNetwork {

    /** The names of the two parts of a sample, in the loss terms and the history. */
    public static final String AUDIO = "audio";
    public static final String TEXT = "text";
    /** The study's weights of the two reconstruction errors ({@code --mm-alpha} 0.5 and 1 − 0.5). */
    static final float AUDIO_WEIGHT = 0.5f;
    static final float TEXT_WEIGHT = 0.5f;

    private static final byte VERSION = 1;
    private static final int HIDDEN = 256;
    /** Each modality's code; the two together are as wide as {@link #HIDDEN}. */
    private static final int CODE = 128;

    private final int audioDim;
    private final int textDim;
    private final int latentDim;
    private final SequentialBlock audioEncoder;
    private final SequentialBlock textEncoder;
    private final Linear muHead;
    private final Linear logVarHead;
    private final SequentialBlock decoder;
    private final SequentialBlock audioDecoder;
    private final SequentialBlock textDecoder;

    public MultimodalVaeBlock(int audioDim, int textDim, int latentDim) {
        super(VERSION);
        if (audioDim < 1 || textDim < 1 || latentDim < 1) {
            throw new IllegalArgumentException("audio, text and latent sizes must be >= 1, got " + audioDim + ", "
                    + textDim + ", " + latentDim);
        }
        this.audioDim = audioDim;
        this.textDim = textDim;
        this.latentDim = latentDim;
        audioEncoder = addChildBlock("audio_encoder", encoder(audioDim));
        textEncoder = addChildBlock("text_encoder", encoder(textDim));
        muHead = addChildBlock("mu", VaeBlock.linear(2 * CODE, latentDim));
        logVarHead = addChildBlock("logvar", VaeBlock.linear(2 * CODE, latentDim));
        decoder = addChildBlock("decoder", new SequentialBlock()
                .add(VaeBlock.linear(latentDim, 2 * CODE)).add(Activation.reluBlock()));
        audioDecoder = addChildBlock("audio_decoder", decoderHead(audioDim));
        textDecoder = addChildBlock("text_decoder", decoderHead(textDim));
    }

    private static SequentialBlock encoder(int inputDim) {
        return new SequentialBlock()
                .add(VaeBlock.linear(inputDim, HIDDEN)).add(Activation.reluBlock())
                .add(VaeBlock.linear(HIDDEN, CODE)).add(Activation.reluBlock());
    }

    private static SequentialBlock decoderHead(int outputDim) {
        return new SequentialBlock()
                .add(VaeBlock.linear(2 * CODE, HIDDEN)).add(Activation.reluBlock())
                .add(VaeBlock.linear(HIDDEN, outputDim));
    }

    /**
     * A block with the parameters written by {@link #parameterBytes()}, for the same audio, text and latent sizes;
     * their arrays live in {@code manager}.
     *
     * @throws IllegalArgumentException if the bytes are not the parameters of a multimodal VAE of these sizes
     */
    public static MultimodalVaeBlock load(byte[] parameters, int audioDim, int textDim, int latentDim,
            NDManager manager) {
        MultimodalVaeBlock block = new MultimodalVaeBlock(audioDim, textDim, latentDim);
        int[][] layers = {{audioDim, HIDDEN}, {HIDDEN, CODE}, {textDim, HIDDEN}, {HIDDEN, CODE},
                {2 * CODE, latentDim}, {2 * CODE, latentDim}, {latentDim, 2 * CODE},
                {2 * CODE, HIDDEN}, {HIDDEN, audioDim}, {2 * CODE, HIDDEN}, {HIDDEN, textDim}};
        return VaeBlock.loadInto(block, parameters, manager, VaeBlock.denseShapes(layers),
                "a multimodal VAE " + audioDim + "+" + textDim + "→" + latentDim);
    }

    public int audioDim() {
        return audioDim;
    }

    public int textDim() {
        return textDim;
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    /** (A + T): one row of audio features followed by its text vector. */
    @Override
    public Shape sampleShape() {
        return new Shape(audioDim + textDim);
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
        NDList shared = decoder.forward(parameterStore, new NDList(z), training);
        NDArray audio = audioDecoder.forward(parameterStore, shared, training).singletonOrThrow();
        NDArray text = textDecoder.forward(parameterStore, shared, training).singletonOrThrow();
        return new NDList(audio.concat(text, 1), mu, logVar);
    }

    private NDList encodeInternal(ParameterStore parameterStore, NDArray x, boolean training) {
        NDList modalities = splitModalities(x);
        NDArray audioCode = audioEncoder.forward(parameterStore, new NDList(modalities.get(0)), training)
                .singletonOrThrow();
        NDArray textCode = textEncoder.forward(parameterStore, new NDList(modalities.get(1)), training)
                .singletonOrThrow();
        NDList code = new NDList(audioCode.concat(textCode, 1));
        return new NDList(muHead.forward(parameterStore, code, training).singletonOrThrow(),
                logVarHead.forward(parameterStore, code, training).singletonOrThrow());
    }

    /**
     * ½·SSE(audio) + ½·SSE(text) + β·KL, each a mean over the batch, with the two errors as the parts
     * {@value #AUDIO} and {@value #TEXT}.
     */
    @Override
    public VaeLoss.Terms lossTerms(VaeLoss loss, NDArray x, NDList predictions) {
        NDList inputs = splitModalities(x);
        NDList reconstructions = splitModalities(predictions.get(0));
        return loss.terms(List.of(
                new VaeLoss.Part(AUDIO, AUDIO_WEIGHT, inputs.get(0), reconstructions.get(0)),
                new VaeLoss.Part(TEXT, TEXT_WEIGHT, inputs.get(1), reconstructions.get(1))),
                predictions.get(1), predictions.get(2));
    }

    /** (B×A audio, B×T text) of a B×(A+T) batch (differentiable views). */
    private NDList splitModalities(NDArray rows) {
        if (rows.getShape().dimension() != 2 || rows.getShape().get(1) != audioDim + textDim) {
            throw new IllegalArgumentException("expected B×" + (audioDim + textDim) + " rows [audio " + audioDim
                    + " | text " + textDim + "], got " + rows.getShape());
        }
        return rows.split(new long[] {audioDim}, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, audioDim + textDim), new Shape(batch, latentDim),
                new Shape(batch, latentDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        audioEncoder.initialize(manager, dataType, new Shape(batch, audioDim));
        textEncoder.initialize(manager, dataType, new Shape(batch, textDim));
        Shape code = new Shape(batch, 2 * CODE);
        muHead.initialize(manager, dataType, code);
        logVarHead.initialize(manager, dataType, code);
        decoder.initialize(manager, dataType, new Shape(batch, latentDim));
        audioDecoder.initialize(manager, dataType, code);
        textDecoder.initialize(manager, dataType, code);
    }
}
