package io.songspace.trainer.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The β-VAE: the Basic VAE architecture with loss reconstruction + β·KL. */
class BetaVaeTest {

    private static final int ROWS = 600;
    private static final int COLS = 40;
    private static final int EPOCHS = 20;

    private static NpyArray features;
    private static TrainedVae basic;
    private static TrainedVae betaOne;
    private static TrainedVae betaFour;

    @BeforeAll
    static void train() {
        TorchRuntime.start(1);
        features = VaeTrainerTest.gaussianClusters(ROWS, COLS, 5, 29L);
        VaeTrainer trainer = new VaeTrainer(Device.cpu());
        basic = trainer.train("vae", features, settings(1f), (e, total) -> { });
        betaOne = trainer.train("beta_vae_1.0", new VaeBlock(COLS, 32), features, settings(1f), (e, total) -> { });
        betaFour = trainer.train("beta_vae_4.0", new VaeBlock(COLS, 32), features, settings(4f), (e, total) -> { });
    }

    private static VaeSettings settings(float beta) {
        return new VaeSettings(32, EPOCHS, 64, 1e-3f, beta, 31L);
    }

    /** β = 1 through the generic path with a VaeBlock is the Basic VAE, bit for bit (as in the study). */
    @Test
    void betaOneReproducesTheBasicVaeExactly() {
        assertArrayEquals(basic.latents().floats(), betaOne.latents().floats());
        assertArrayEquals(basic.logVars().floats(), betaOne.logVars().floats());
        assertArrayEquals(basic.parameters(), betaOne.parameters());
        List<TrainingHistory.Epoch> a = basic.history().epochs();
        List<TrainingHistory.Epoch> b = betaOne.history().epochs();
        for (int i = 0; i < EPOCHS; i++) {
            assertEquals(a.get(i).total(), b.get(i).total(), 0.0);
            assertEquals(a.get(i).kl(), b.get(i).kl(), 0.0);
        }
        assertEquals("beta_vae_1.0", betaOne.history().model());
    }

    /**
     * β = 4 weighs the KL term four times as much: the latent posterior stays closer to the prior (KL at most 75 %
     * of β = 1's, in training and evaluated on the latents) at the price of a worse reconstruction.
     */
    @Test
    void largerBetaGivesLowerKlAndHigherReconstructionError() {
        TrainingHistory.Epoch one = betaOne.history().epochs().getLast();
        TrainingHistory.Epoch four = betaFour.history().epochs().getLast();
        double evalOne = meanKl(betaOne);
        double evalFour = meanKl(betaFour);
        System.out.printf("β=1: recon %.3f KL %.3f (eval KL %.3f); β=4: recon %.3f KL %.3f (eval KL %.3f)%n",
                one.reconstruction(), one.kl(), evalOne, four.reconstruction(), four.kl(), evalFour);
        assertTrue(four.kl() <= 0.75 * one.kl(), "training KL " + four.kl() + " vs " + one.kl());
        assertTrue(evalFour <= 0.75 * evalOne, "eval KL " + evalFour + " vs " + evalOne);
        assertTrue(four.reconstruction() > one.reconstruction(), four.reconstruction() + " vs " + one.reconstruction());
        assertEquals(four.reconstruction() + 4 * four.kl(), four.total(), 1e-9);
        assertEquals(4.0, betaFour.history().beta());
    }

    /** Mean over rows of KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), from the returned latents. */
    private static double meanKl(TrainedVae vae) {
        float[] mu = vae.latents().floats();
        float[] logVar = vae.logVars().floats();
        double sum = 0;
        for (int i = 0; i < mu.length; i++) {
            sum += -0.5 * (1 + logVar[i] - (double) mu[i] * mu[i] - Math.exp(logVar[i]));
        }
        return sum / vae.latents().shape()[0];
    }
}
