package io.songspace.trainer.vae;

import io.songspace.common.artifacts.TrainingHistory;

/** Told after every epoch; progress reporting, never control flow. */
@FunctionalInterface
public interface EpochListener {
    void onEpoch(TrainingHistory.Epoch epoch, int totalEpochs);
}
