package io.songspace.report.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.report.registry.RunService.RunNotRequestedException;
import io.songspace.report.registry.RunService.RunStillActiveException;
import io.songspace.report.registry.TooManyActiveRunsException;
import io.songspace.report.registry.UnknownRunException;
import io.songspace.report.security.ApiRoles;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every API error as an {@link ApiError} JSON body. The Jackson mappers are registered per exception type so they
 * win over Quarkus' built-in ones, which answer without naming the field.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidSpec(InvalidRunSpecException e) {
        return json(Response.Status.BAD_REQUEST, ApiError.invalid(e.violations()));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(StreamReadException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e) {
        return unauthenticated("an API key is required: 'Authorization: Bearer <key>'");
    }

    @ServerExceptionMapper
    public Response unknownKey(AuthenticationFailedException e) {
        return unauthenticated("the API key is not valid");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(Response.Status.FORBIDDEN, ApiError.of("the API key does not carry the role this call needs ("
                + ApiRoles.READ + " to read runs and artifacts, " + ApiRoles.WRITE + " to start, cancel or delete)"));
    }

    @ServerExceptionMapper
    public Response tooManyRuns(TooManyActiveRunsException e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON).header(HttpHeaders.RETRY_AFTER, "60")
                .entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response stillActive(RunStillActiveException e) {
        return json(Response.Status.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownRun(UnknownRunException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notRequested(RunNotRequestedException e) {
        return json(Response.Status.SERVICE_UNAVAILABLE, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response storeFailed(ObjectStoreException e) {
        LOG.warn("object store call failed", e);
        return json(Response.Status.SERVICE_UNAVAILABLE, ApiError.of(e.getMessage()));
    }

    private static Response unauthenticated(String message) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"songspace\"").entity(ApiError.of(message)).build();
    }

    private static Response badJson(JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, ApiError.invalid(List.of(JsonErrors.violation(e))));
    }

    static Response json(Response.Status status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
