package io.songspace.common.artifacts;

import java.util.List;

/**
 * What a trained model is, {@code models/{id}_card.json}: its architecture and the feature files it read, its
 * hyper-parameters, its size in trainable parameters, the seed, the device it trained on and how long it took.
 * {@code learningRate} is the rate its parameters were trained at: lower than the spec's when earlier attempts
 * diverged, each one listed in {@code divergences} (empty for a training that went through at once).
 */
public record ModelCard(String model, String architecture, List<String> inputs, long parameters, double beta,
        int latentDim, int epochs, int batchSize, double learningRate, long seed, String device, double seconds,
        List<String> divergences) {
}
