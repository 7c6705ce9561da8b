package io.songspace.report.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecValidatorTest {

    private static DatasetSpec dataset(String type, String path, Integer perGenre) {
        return switch (type) {
            case "demo" -> new DatasetSpec.Demo(perGenre, null, null);
            case "fma" -> new DatasetSpec.Fma(path, null, null, perGenre, null);
            case "folder" -> new DatasetSpec.Folder(path, null, perGenre);
            case "table" -> new DatasetSpec.Table(path, null, null, null, perGenre);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static RunSpec withSubset(String subset) {
        return new RunSpec(new DatasetSpec.Fma("/data", subset, null, null, null), null, null, null);
    }

    private static RunSpec demoWithCorrupt(int corruptTracks) {
        return new RunSpec(new DatasetSpec.Demo(null, null, corruptTracks), null,
                null, null);
    }

    private static List<String> fields(RunSpec spec) {
        return RunSpecValidator.violations(spec).stream().map(ApiError.Violation::field).toList();
    }

    @Test
    void acceptsEveryDatasetTypeWithWhatItNeeds() {
        assertEquals(List.of(), fields(new RunSpec(dataset("demo", null, 600), null, null, null)));
        assertEquals(List.of(), fields(new RunSpec(dataset("fma", "/data/fma", 600), null, null, 7L)));
        assertEquals(List.of(), fields(new RunSpec(dataset("folder", "s3://songspace/in", null), null, null, null)));
        assertEquals(List.of(), fields(new RunSpec(dataset("table", "/t.csv", null),
                new RunSpec.Training(10_000, 100_000, 1.0, 512, 0.0), new RunSpec.Clustering(2, 0.5, 2), null)));
    }

    @Test
    void namesEveryFieldOutOfRange() {
        RunSpec spec = new RunSpec(new DatasetSpec.Demo(601, List.of(), -1),
                new RunSpec.Training(0, 100_001, 0.0, 1, -0.5), new RunSpec.Clustering(1, 0.0, 1), null);
        assertEquals(List.of("dataset.tracksPerGenre", "dataset.corruptTracks", "dataset.genres", "training.epochs",
                "training.batchSize", "training.learningRate", "training.latentDim", "training.beta", "clustering.k",
                "clustering.perplexity", "clustering.umapNeighbors"), fields(spec));
    }

    @Test
    void boundsAreInclusiveWhereTheRulesSaySo() {
        assertEquals(List.of("training.epochs"), fields(new RunSpec(dataset("demo", null, 1),
                new RunSpec.Training(10_001, 1, 1e-9, 2, 0.0), null, null)));
        assertEquals(List.of("training.learningRate"), fields(new RunSpec(dataset("demo", null, null),
                new RunSpec.Training(1, 1, 1.0000001, 2, null), null, null)));
        // fma has no upper bound on tracks per genre, demo stops at 600
        assertEquals(List.of(), fields(new RunSpec(dataset("fma", "/f", 5000), null, null, null)));
        assertEquals(List.of("dataset.tracksPerGenre"), fields(new RunSpec(dataset("fma", "/f", 0), null, null, null)));
    }

    @Test
    void corruptTracksAreCappedAt600() {
        assertEquals(List.of(), fields(demoWithCorrupt(0)));
        assertEquals(List.of(), fields(demoWithCorrupt(600)));
        assertEquals(List.of("dataset.corruptTracks"), fields(demoWithCorrupt(601)));
        List<ApiError.Violation> huge = RunSpecValidator.violations(demoWithCorrupt(1_000_000_000));
        assertEquals("must be between 0 and 600", huge.getFirst().message());
    }

    @Test
    void fmaSubsetIsOneOfTheFmaReleases() {
        for (String subset : List.of("small", "medium", "large")) {
            assertEquals(List.of(), fields(withSubset(subset)), subset);
        }
        assertEquals(List.of(), fields(withSubset(null)), "left out: small by default");
        for (String subset : List.of("tiny", "Small", "", "fma_small")) {
            List<ApiError.Violation> bad = RunSpecValidator.violations(withSubset(subset));
            assertEquals(List.of("dataset.subset"), bad.stream().map(ApiError.Violation::field).toList(), subset);
            assertEquals("must be one of small, medium, large", bad.getFirst().message());
        }
    }

    @Test
    void datasetAndPathRules() {
        assertEquals(List.of("dataset"), fields(new RunSpec(null, null, null, null)));
        // an unknown or missing type, and a field another type has, are rejected when the JSON is read
        // (RunApiTest); what is left are the rules within a type
        for (String type : List.of("fma", "folder", "table")) {
            assertEquals(List.of("dataset.path"), fields(new RunSpec(dataset(type, " ", null), null, null, null)), type);
        }
        assertTrue(RunSpecValidator.violations(new RunSpec(dataset("demo", null, null), null, null, null)).isEmpty());
    }
}
