package io.songspace.report.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.songspace.common.events.DatasetSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns Jackson's exceptions into a violation naming the field by its JSON path ({@code training.epochs}). */
final class JsonErrors {

    private JsonErrors() {
    }

    static ApiError.Violation violation(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new ApiError.Violation(path(u), "unknown field" + known(u.getKnownPropertyIds()));
        }
        if (e instanceof InvalidTypeIdException t) {
            // a dataset's "type" chooses its record: missing or unknown, it is the field at fault
            String path = path(t);
            List<String> types = DatasetSpec.TYPES;
            return new ApiError.Violation((path.isEmpty() ? "" : path + ".") + "type", t.getTypeId() == null
                    ? "required: one of " + String.join(", ", types)
                    : "must be one of " + String.join(", ", types) + " (got " + quote(t.getTypeId()) + ")");
        }
        if (e instanceof MismatchedInputException m) {
            String path = path(m);
            if (path.isEmpty()) {
                String original = m.getOriginalMessage();
                return new ApiError.Violation("body", original.startsWith("No content") ? "required: a run spec object"
                        : original.startsWith("Trailing token") ? "unexpected content after the run spec object"
                        : "must be a JSON object");
            }
            String got = m instanceof InvalidFormatException f && f.getValue() != null ? " (got " + quote(f.getValue()) + ")" : "";
            return new ApiError.Violation(path, m.getTargetType() != null
                    ? "must be " + describe(m.getTargetType()) + got : m.getOriginalMessage());
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof StreamReadException syntax) {
            // a syntax error inside an object: the mapping path says where, the parser what
            String path = path(m);
            return new ApiError.Violation(path.isEmpty() ? "body" : path, malformed(syntax));
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m);
            return new ApiError.Violation(path.isEmpty() ? "body" : path, m.getOriginalMessage());
        }
        String path = e instanceof StreamReadException s && s.getProcessor() instanceof JsonParser p
                ? path(p.getParsingContext()) : "";
        return new ApiError.Violation(path.isEmpty() ? "body" : path, malformed(e));
    }

    private static String malformed(JsonProcessingException e) {
        String where = e.getLocation() != null
                ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "";
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }

    /** training.epochs, dataset.genres[2]. */
    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }

    /** The same path from the parser's position, for syntax errors (no mapping path exists yet). */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String p = String.join("", parts);
        return p.startsWith(".") ? p.substring(1) : p;
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return " (known: " + String.join(", ", names) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
