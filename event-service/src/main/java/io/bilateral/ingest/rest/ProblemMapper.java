package io.bilateral.ingest.rest;

import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.events.problem.Problem;
import io.bilateral.ingest.publish.BrokerUnavailableException;
import io.bilateral.ingest.validate.InvalidSubmissionException;
import io.bilateral.ingest.validate.PayloadTooLargeException;
import io.bilateral.ingest.validate.RequestTooSlowException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The one table from failures to HTTP answers, all as RFC 9457 problem+json:
 * <pre>
 * InvalidSubmissionException   400 invalid-event       every violation with its JSON pointer
 * UnauthorizedException        401 unauthorized        no token, or one that does not verify
 * ForbiddenException           403 forbidden           the token lacks the role
 * PayloadTooLargeException     413 payload-too-large   past a configured limit; nothing was published
 * LimitExceeded                429 rate-limited        with Retry-After; too many writes from one principal
 *                              503 rate-limited        with Retry-After; the service holds all the writes it may (InFlight)
 * RequestTooSlowException      408 request-timeout     a batch's body took longer than its time; nothing was published
 * BrokerUnavailableException   503 broker-unavailable  with Retry-After; nothing was accepted
 * WebApplicationException      its own status          (404, 405, 406, 415, 413 ...)
 * anything else                500 internal-error      logged with its stack trace
 * </pre>
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Every problem answered, counted by its type and status: refusals as an operator sees them. */
    @Inject
    MeterRegistry metrics;

    @ServerExceptionMapper
    public Response invalid(InvalidSubmissionException e, UriInfo uri) {
        return problem(Problem.of("invalid-event", "Invalid event", 400,
                e.violations().size() == 1 ? e.violations().get(0).pointer() + " " + e.violations().get(0).detail()
                        : e.violations().size() + " fields are invalid",
                uri.getPath(), e.violations()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(Problem.unauthorized(
                        "writing needs a valid bearer token (Authorization: Bearer <JWT>) with the role editor", uri.getPath())))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Problem.forbidden("editor", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e, UriInfo uri) {
        return problem(Problem.of("payload-too-large", "Payload too large", 413,
                e.getMessage() + "; nothing was published", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response tooSlow(RequestTooSlowException e, UriInfo uri) {
        return problem(Problem.of("request-timeout", "Request timeout", 408, e.getMessage() + "; nothing was published",
                uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response limited(LimitExceeded e, UriInfo uri) {
        return Response.fromResponse(problem(e.problem(uri.getPath())))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    /** The line says which event (its id and dyad in the MDC, which JSON logs carry), when it was one event. */
    private static void logNotAccepted(BrokerUnavailableException e) {
        if (e.event() == null) {
            LOG.warnf("batch not accepted: %s", e.getMessage());
            return;
        }
        MDC.put("eventId", e.event().metadata().eventId().toString());
        MDC.put("dyad", e.event().dyad().toString());
        // When tracing is on, the POST's span is current here: its trace is the one the event was refused in.
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            MDC.put("traceId", span.getTraceId());
        }
        try {
            LOG.warnf("event not accepted: %s", e.getMessage());
        } finally {
            MDC.remove("eventId");
            MDC.remove("dyad");
            MDC.remove("traceId");
        }
    }

    @ServerExceptionMapper
    public Response brokerUnavailable(BrokerUnavailableException e, UriInfo uri) {
        logNotAccepted(e);
        return Response.fromResponse(problem(Problem.of("broker-unavailable", "Event log unavailable", 503,
                        e.getMessage() + "; the event was not accepted, retry it (with the same eventId to be safe)",
                        uri.getPath(), List.of())))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(Problem.httpStatus(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return problem(Problem.internalError(uri.getPath()));
    }

    Response problem(Problem p) {
        String type = p.type().getPath();
        metrics.counter("bilateral.refusals", "type", type.substring(type.lastIndexOf('/') + 1), "status", Integer.toString(p.status()))
                .increment();
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
