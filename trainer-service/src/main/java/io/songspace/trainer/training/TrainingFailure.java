package io.songspace.trainer.training;

/** Why a model's training failed, stored as {@link TrainingService#failureKey}; {@code failedAt} is ISO-8601. */
public record TrainingFailure(String model, String reason, String failedAt) {
}
