package io.songspace.report.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every error the API answers: a message and, for a rejected run spec, the field paths at fault. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "An error: what went wrong and, for an invalid run spec, which fields")
public record ApiError(String message, List<Violation> violations) {

    /** One invalid field, by its JSON path (e.g. {@code training.epochs}). */
    public record Violation(String field, String message) {
    }

    public static ApiError of(String message) {
        return new ApiError(message, List.of());
    }

    /** A message that names every violation, so that the message alone says what to fix. */
    public static ApiError invalid(List<Violation> violations) {
        return new ApiError(String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList()),
                violations);
    }
}
