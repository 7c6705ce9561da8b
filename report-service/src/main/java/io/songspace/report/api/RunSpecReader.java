package io.songspace.report.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Parses a run spec strictly: an unknown field, a string where a number belongs, a fraction where an integer
 * belongs or trailing content is an error naming the field. The application's own mapper stays lenient, so that
 * events from newer producers with extra fields still deserialize.
 */
@ApplicationScoped
public class RunSpecReader {

    private final ObjectReader reader;

    public RunSpecReader(ObjectMapper json) {
        ObjectMapper strict = json.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
                CoercionInputShape.EmptyString, CoercionInputShape.Boolean}) {
            strict.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
            strict.coercionConfigFor(LogicalType.Float).setCoercion(shape, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.reader = strict.readerFor(RunSpec.class);
    }

    /** The spec in {@code body}; Jackson's exceptions carry the path of the field at fault. */
    public RunSpec read(String body) throws JsonProcessingException {
        return reader.readValue(body == null ? "" : body);
    }
}
