package io.songspace.report.security;

/** The roles an API key can carry, as {@code @RolesAllowed} names them. */
public final class ApiRoles {

    /** Read runs: their state and events, their artifacts. */
    public static final String READ = "runs:read";
    /** Start, cancel and delete runs. */
    public static final String WRITE = "runs:write";

    private ApiRoles() {
    }
}
