package io.songspace.report.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.registry.RunRegistry;
import io.songspace.report.registry.RunService;
import io.songspace.report.registry.RunView;
import io.songspace.report.registry.UnknownRunException;
import io.songspace.report.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The public API: start runs, follow them, fetch their artifacts, cancel and delete them. Every call needs an API
 * key ({@code Authorization: Bearer <key>}): {@code runs:read} to read, {@code runs:write} to change.
 */
@Path("/api/runs")
@Tag(name = "runs", description = "Start a clustering run, follow its progress, download its report and artifacts")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "an API key of songspace.api.keys-file")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(ApiRoles.READ)
@APIResponse(responseCode = "401", description = "no API key, or not a valid one",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "the API key lacks the role the call needs",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class RunResource {

    /** Run ids as {@link io.songspace.report.registry.RunIds} makes them (and nothing that could leave runs/{id}/). */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private final RunService runs;
    private final RunRegistry registry;
    private final RunSpecReader specReader;
    private final DatasetAccess datasets;
    private final ObjectStore store;
    private final SecurityIdentity caller;

    public RunResource(RunService runs, RunRegistry registry, RunSpecReader specReader, DatasetAccess datasets,
            ObjectStore store, SecurityIdentity caller) {
        this.runs = runs;
        this.registry = registry;
        this.specReader = specReader;
        this.datasets = datasets;
        this.store = store;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run", description = "Validates the spec, fills defaults, stores it as "
            + "runs/{id}/spec.json and requests the run. Unknown fields are rejected.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunSpec.class), examples = {
                    @ExampleObject(name = "demo", value = "{\"dataset\": {\"type\": \"demo\", \"tracksPerGenre\": 40}, "
                            + "\"training\": {\"epochs\": 30}, \"seed\": 42}"),
                    @ExampleObject(name = "fma", value = "{\"dataset\": {\"type\": \"fma\", \"path\": \"/data/fma\", "
                            + "\"tracksPerGenre\": 600}}")}))
    @APIResponse(responseCode = "202", description = "accepted; Location names the run",
            content = @Content(schema = @Schema(implementation = RunAccepted.class)))
    @APIResponse(responseCode = "400", description = "invalid spec; violations name the fields",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "the body is larger than quarkus.http.limits.max-body-size")
    @APIResponse(responseCode = "429", description = "the key has as many runs queued or running as it may",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "the run request could not be published",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RolesAllowed(ApiRoles.WRITE)
    public Response create(String body, @Context UriInfo uri) throws JsonProcessingException {
        RunSpec spec = specReader.read(body);
        List<ApiError.Violation> violations = new ArrayList<>(RunSpecValidator.violations(spec));
        if (spec != null && spec.dataset() != null) {
            violations.addAll(datasets.violations(spec.dataset()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRunSpecException(violations);
        }
        RunView run = runs.submit(spec, caller.getPrincipal().getName());
        return Response.accepted(RunAccepted.of(run))
                .location(uri.getBaseUriBuilder().path("api/runs/{id}").build(run.id()))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List runs", description = "Every run, newest first")
    public List<RunSummary> list() {
        return registry.list().stream().map(RunSummary::of).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A run's state", description = "State, progress 0..1, the five stages, skipped tracks and "
            + "the report link once it exists")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RunView get(@PathParam("id") String id) {
        return find(id);
    }

    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a run", description = "Every service stops its work for the run; the run ends "
            + "CANCELLED. A run that has ended already is returned as it is.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RolesAllowed(ApiRoles.WRITE)
    public RunView cancel(@PathParam("id") String id) {
        find(id);
        return runs.cancel(id, caller.getPrincipal().getName()).orElseGet(() -> find(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a run", description = "Deletes an ended run and every artifact of it")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "the run is still queued or running: cancel it first",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @RolesAllowed(ApiRoles.WRITE)
    public Response delete(@PathParam("id") String id) {
        runs.delete(find(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow a run", description = "Server-sent events, each one the run's state as in GET "
            + "/api/runs/{id}: the current state first, then one per change; the stream ends when the run is "
            + "COMPLETED, FAILED or CANCELLED")
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Multi<RunView> events(@PathParam("id") String id) {
        find(id);
        return registry.follow(id);
    }

    @GET
    @Path("{id}/artifacts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A run's artifacts", description = "Object keys relative to runs/{id}/, in lexical order")
    public List<String> artifacts(@PathParam("id") String id) {
        find(id);
        String prefix = ArtifactKeys.runPrefix(id);
        return store.list(prefix).stream().map(key -> key.substring(prefix.length())).toList();
    }

    @GET
    @Path("{id}/artifacts/{path: .+}")
    @Operation(summary = "Download an artifact", description = "The object runs/{id}/{path}, with a content type "
            + "from its extension (report/index.html is the report)")
    @APIResponse(responseCode = "400", description = "the path leaves the run's folder",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such run or artifact",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response artifact(@PathParam("id") String id,
            @Parameter(description = "relative to runs/{id}/, e.g. report/index.html") @PathParam("path") String path) {
        if (path.contains("..") || path.startsWith("/") || path.contains("\\")) {
            return ApiExceptionMappers.json(Response.Status.BAD_REQUEST,
                    ApiError.invalid(List.of(new ApiError.Violation("path", "must stay inside the run's folder"))));
        }
        find(id);
        return store.open(ArtifactKeys.runPrefix(id) + path)
                .map(in -> Response.ok((StreamingOutput) out -> {
                    try (in) {
                        in.transferTo(out);
                    }
                }).type(ContentTypes.of(path)).build())
                .orElseGet(() -> ApiExceptionMappers.json(Response.Status.NOT_FOUND,
                        ApiError.of("run " + id + " has no artifact " + path)));
    }

    private RunView find(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new UnknownRunException(id);
        }
        return registry.find(id).orElseThrow(() -> new UnknownRunException(id));
    }
}
