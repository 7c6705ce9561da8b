package io.songspace.report.api;

import java.util.List;

/** A run spec that parsed but breaks a rule; answered 400 with every violation. */
public class InvalidRunSpecException extends RuntimeException {

    private final List<ApiError.Violation> violations;

    public InvalidRunSpecException(List<ApiError.Violation> violations) {
        super(ApiError.invalid(violations).message());
        this.violations = List.copyOf(violations);
    }

    public List<ApiError.Violation> violations() {
        return violations;
    }
}
