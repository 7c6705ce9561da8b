package io.songspace.text.method;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.quarkus.runtime.Startup;
import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 sentence embeddings: 384-d, mean-pooled over the word pieces and L2-normalised, run by ONNX
 * Runtime from the model inside langchain4j's jar (nothing is downloaded). Texts longer than the model's 510 word
 * pieces are embedded in parts whose vectors are averaged, weighted by length. The model was trained on English:
 * text in other languages falls apart into sub-word pieces and lands in a vaguer region of the space.
 */
@Startup
@ApplicationScoped
public class MiniLmMethod implements TextMethod {

    public static final int DIMENSION = 384;

    private final EmbeddingModel model;

    public MiniLmMethod() {
        // one thread: ONNX Runtime already uses the cores for each text, and the service shares them with others
        this.model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
    }

    @Override
    public String name() {
        return RunSpec.Text.MINILM;
    }

    @Override
    public boolean perText() {
        return true;
    }

    @Override
    public float[][] vectors(List<String> texts) {
        float[][] rows = new float[texts.size()][];
        List<TextSegment> segments = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null || texts.get(i).isBlank()) {
                rows[i] = new float[DIMENSION];
            } else {
                segments.add(TextSegment.from(texts.get(i)));
                at.add(i);
            }
        }
        if (!segments.isEmpty()) {
            List<Embedding> embeddings = model.embedAll(segments).content();
            for (int j = 0; j < embeddings.size(); j++) {
                rows[at.get(j)] = embeddings.get(j).vector();
            }
        }
        return rows;
    }
}
