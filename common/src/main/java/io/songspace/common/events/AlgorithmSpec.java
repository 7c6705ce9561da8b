package io.songspace.common.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;

/**
 * One clustering algorithm of a run, by name: {@code kmeans} (n_init 10), {@code agglomerative} (Ward) or
 * {@code dbscan} ({@code minSamples}, default 5; {@code eps}: a positive number, {@code knee} (default: the point of
 * the sorted {@code minSamples}-NN distance curve farthest from its chord, both axes min-max normalised) or
 * {@code p90} (the 90th percentile of those distances)). Other algorithms ignore {@code minSamples} and {@code eps}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlgorithmSpec(String name, Integer minSamples, @JsonDeserialize(using = EpsText.class) String eps) {

    public static final String KMEANS = "kmeans";
    public static final String AGGLOMERATIVE = "agglomerative";
    public static final String DBSCAN = "dbscan";
    /** The algorithms cluster-service runs (its registry has one class for each). */
    public static final List<String> NAMES = List.of(KMEANS, AGGLOMERATIVE, DBSCAN);

    public static final String EPS_KNEE = "knee";
    public static final String EPS_P90 = "p90";

    static AlgorithmSpec of(String name) {
        return new AlgorithmSpec(name, null, null);
    }

    AlgorithmSpec withDefaults() {
        if (!DBSCAN.equals(name)) {
            return new AlgorithmSpec(name, null, null);
        }
        return new AlgorithmSpec(name, minSamples != null ? minSamples : 5, eps != null ? eps : EPS_KNEE);
    }

    /**
     * Reads {@code eps} as written, a JSON number ({@code 0.5}) or a rule's name ({@code "knee"}), into its text;
     * anything else is the usual type error, which the API reports naming the field.
     */
    static final class EpsText extends StdDeserializer<String> {
        EpsText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return switch (p.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_STRING -> p.getText();
                default -> (String) ctxt.handleUnexpectedToken(String.class, p);
            };
        }
    }

    /** {@code eps} as a number, or null when it names a rule ({@code knee}, {@code p90}). */
    @JsonIgnore
    public Double fixedEps() {
        if (eps == null || EPS_KNEE.equals(eps) || EPS_P90.equals(eps)) {
            return null;
        }
        return Double.valueOf(eps);
    }
}
