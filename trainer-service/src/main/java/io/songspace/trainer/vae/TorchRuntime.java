package io.songspace.trainer.vae;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** The PyTorch engine of this process: its thread count and the device training runs on. */
public final class TorchRuntime {

    /** The DJL engine name of PyTorch. */
    public static final String ENGINE = "PyTorch";

    /** Read by DJL's PyTorch engine when it loads; setting it later has no effect. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private TorchRuntime() {
    }

    /**
     * Loads the PyTorch engine with {@code threads} intra-op threads. The property is set before the engine
     * loads; if something in this process loaded it earlier with another count, the count is changed in place.
     */
    public static synchronized Engine start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("PyTorch threads must be at least 1, got " + threads);
        }
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        Engine engine = Engine.getEngine(ENGINE);
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /** The first GPU when one is allowed and the engine sees it, else the CPU. */
    public static Device device(Engine engine, boolean allowGpu) {
        return allowGpu && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** The intra-op thread count PyTorch uses now. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    /** A device as written into histories and events: {@code cpu} or {@code gpu:N}. */
    public static String describe(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
