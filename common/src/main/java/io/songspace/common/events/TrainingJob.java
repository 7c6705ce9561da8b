package io.songspace.common.events;

/** One model to train for one run. {@code model} names the architecture (e.g. {@code vae}). */
public record TrainingJob(String runId, String model, RunSpec spec) {
}
