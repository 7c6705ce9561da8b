package io.songspace.trainer.vae;

import ai.djl.ndarray.NDArray;

/**
 * Scalar constants for arithmetic inside a differentiated graph.
 *
 * <p>DJL's PyTorch engine implements {@code array.mul(0.5f)} (and {@code div}, {@code add}, {@code sub} with a
 * number) by wrapping the number in a tensor over a Java direct buffer, multiplying, and closing that tensor at once.
 * PyTorch's autograd keeps the scalar for the backward pass, but nothing keeps the buffer: once the garbage collector
 * frees it, the backward pass multiplies gradients by whatever that memory then holds. Training inside a busy service
 * JVM turned the ConvVAE's loss NaN within a few epochs that way, and results differed between identical runs. A
 * constant made here lives in the manager of the array it is combined with, so it outlives the backward pass of the
 * batch that uses it.
 */
final class GraphConstant {

    private GraphConstant() {
    }

    /** {@code value} as a 0-d array in the manager (and of the data type) of {@code like}. */
    static NDArray like(NDArray like, float value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }
}
