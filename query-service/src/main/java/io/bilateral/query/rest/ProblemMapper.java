package io.bilateral.query.rest;

import io.bilateral.events.actor.InvalidDyadException;
import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.events.problem.Problem;
import io.bilateral.events.problem.Violation;
import io.bilateral.query.project.Failures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The one table from failures to HTTP answers, all as RFC 9457 problem+json:
 * <pre>
 * InvalidDyadException      400 invalid-parameter  names the parameter ("dyad", or "code" of an actor)
 * InvalidParameterException 400 invalid-parameter  names the parameter
 * NotFoundProblem           404 not-found
 * UnauthorizedException     401 unauthorized       no token, or one that does not verify
 * ForbiddenException        403 forbidden          the token lacks the role (admin, for operators' endpoints)
 * LimitExceeded             429 or 503 rate-limited  with Retry-After: one client's share, or a full instance
 * WebApplicationException   its own status         (404 unknown path, 405, 406 ...)
 * the database unreachable  503 read-models-unavailable  with Retry-After; logged as a warning
 * anything else             500 internal-error     logged with its stack trace
 * </pre>
 * "The database unreachable" is what the projection waits out too ({@link Failures#isTransient}):
 * a lost connection, a pool that cannot connect, a timeout, a server shutting down. It passes,
 * so the client is told to come back, not that the service is broken.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response invalidDyad(InvalidDyadException e, UriInfo uri) {
        return problem(Problem.of("invalid-parameter", "Invalid parameter", 400, e.getMessage(),
                uri.getPath(), List.of(new Violation(uri.getPath().startsWith("/actors/") ? "code" : "dyad", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return problem(Problem.of("invalid-parameter", "Invalid parameter", 400, e.parameter() + ": " + e.getMessage(),
                uri.getPath(), List.of(new Violation(e.parameter(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return problem(Problem.of("not-found", "Not found", 404, e.getMessage(), uri.getPath(), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(Problem.unauthorized(
                        "this needs a valid bearer token (Authorization: Bearer <JWT>)", uri.getPath())))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response limited(LimitExceeded e, UriInfo uri) {
        return Response.fromResponse(problem(e.problem(uri.getPath())))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Problem.forbidden("admin", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            // Every server error leaves a trace in the log, whatever raised it.
            LOG.error("failure " + status.getStatusCode() + " on " + uri.getPath(), e);
        }
        return problem(Problem.httpStatus(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (Failures.isTransient(e)) {
            LOG.warnf("read models unavailable for %s: %s", uri.getPath(), Failures.reason(e));
            return Response.fromResponse(problem(Problem.of("read-models-unavailable", "Read models unavailable", 503,
                            "the read models' database did not answer (" + Failures.reason(e) + "); retry", uri.getPath(), List.of())))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return problem(Problem.internalError(uri.getPath()));
    }

    static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
