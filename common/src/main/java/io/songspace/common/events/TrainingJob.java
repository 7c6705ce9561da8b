package io.songspace.common.events;

/** One model to train for one run: {@code model} is the id of a model of the run's {@code spec.json}. */
public record TrainingJob(String runId, String model) {
}
