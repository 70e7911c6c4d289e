package io.bilateral.query.rest;

import io.bilateral.events.envelope.ConsistencyToken;
import io.bilateral.events.problem.Problem;
import io.bilateral.events.problem.Violation;
import io.bilateral.query.config.ProjectionConfig;
import io.bilateral.query.project.Projector;
import io.bilateral.query.readmodel.search.SearchIndexer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes: a read that carries the consistency token event-service gave for a write
 * ({@code Bilateral-Read-After} header, or {@code readAfter} parameter) waits until the
 * projection has committed past it, then is answered as usual. The wait is bounded
 * ({@code bilateral.projection.read-after-max-wait}); past it the answer is 503 with
 * {@code Retry-After}, and when the event at a token's position was parked, that is said:
 * never a stale answer that looks current. A read through the full-text index (search, people
 * by name, a timeline's {@code q}) also waits for the index to cover what is committed. (A batch's token names the last event per
 * partition; an earlier event of the batch that was parked is not checked.) The offsets are
 * read from PostgreSQL, so this holds whichever instance projected the write; the wait polls
 * them from every 10 ms up to every 200 ms, so waiting readers stay light on the database.
 */
public class ReadYourWrites {

    public static final String HEADER = "Bilateral-Read-After";
    public static final String PARAMETER = "readAfter";
    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final Projector projector;
    private final Pool pool;
    private final ProjectionConfig config;
    private final SearchIndexer search;

    ReadYourWrites(Projector projector, Pool pool, ProjectionConfig config, SearchIndexer search) {
        this.projector = projector;
        this.pool = pool;
        this.config = config;
        this.search = search;
    }

    @ServerRequestFilter
    public Uni<Response> awaitTheWrite(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        String parameter = request.getUriInfo().getQueryParameters().getFirst(PARAMETER);
        if ((header == null && parameter == null) || !HttpMethod.GET.equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        String name = header != null ? HEADER : PARAMETER;
        ConsistencyToken token;
        try {
            token = ConsistencyToken.parse(header != null ? header : parameter);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(ProblemMapper.problem(Problem.of("invalid-parameter", "Invalid parameter", 400,
                    name + ": " + e.getMessage(), request.getUriInfo().getPath(), List.of(new Violation(name, e.getMessage())))));
        }
        long deadline = System.nanoTime() + config.readAfterMaxWait().toNanos();
        String path = request.getUriInfo().getPath();
        boolean searches = searches(request);
        return passed(token, deadline, FIRST_POLL).chain(passed -> passed
                ? parked(token).chain(parked -> !parked.isEmpty()
                        ? Uni.createFrom().item(ProblemMapper.problem(Problem.of("write-parked",
                                "Write parked", 503, "the event at " + parked + " could not be applied and is parked for an operator"
                                        + " (see /projection/status): the read models do not include it", path, List.of())))
                        : searches ? searchReached(deadline).map(reached -> reached ? null
                                : notYet(path, "the search index has not reached " + token + " within "
                                        + config.readAfterMaxWait().toMillis() + " ms; retry"))
                        : Uni.createFrom().nullItem())
                : Uni.createFrom().item(notYet(path, "the projection has not reached " + token + " within "
                        + config.readAfterMaxWait().toMillis() + " ms; retry")))
                .onFailure().recoverWithItem(failure -> Response.fromResponse(ProblemMapper.problem(Problem.of(
                                "not-yet-consistent", "Not yet consistent", 503,
                                "cannot tell whether the projection reached " + token + " (the database did not answer); retry",
                                path, List.of())))
                        .header("Retry-After", "1").build());
    }

    private static Response notYet(String path, String detail) {
        return Response.fromResponse(ProblemMapper.problem(Problem.of("not-yet-consistent", "Not yet consistent", 503, detail,
                path, List.of()))).header("Retry-After", "1").build();
    }

    /** Reads that go through the full-text index, which follows the read models by its own lag (SearchIndexer). */
    private static boolean searches(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals("/search") || path.equals("/people")
                || path.endsWith("/timeline") && request.getUriInfo().getQueryParameters().containsKey("q");
    }

    /**
     * Whether the search index reached everything committed now (which includes the token's
     * write, already applied), by the deadline.
     */
    private Uni<Boolean> searchReached(long deadline) {
        return pool.query("SELECT last_seq FROM stream_head").execute().map(rows -> rows.iterator().next().getLong("last_seq"))
                .chain(head -> until(() -> SearchIndexer.position(pool).map(indexed -> {
                    if (indexed < head) {
                        search.wakeForReader();
                    }
                    return indexed >= head;
                }), deadline, FIRST_POLL));
    }

    private Uni<Boolean> passed(ConsistencyToken token, long deadline, Duration poll) {
        return until(() -> projector.storedOffsets().map(token::passedBy), deadline, poll);
    }

    /** Asks {@code check} from every {@code poll} (doubling up to {@link #LONGEST_POLL}) until true, or false past the deadline. */
    private static Uni<Boolean> until(java.util.function.Supplier<Uni<Boolean>> check, long deadline, Duration poll) {
        return check.get().chain(holds -> {
            if (holds) {
                return Uni.createFrom().item(true);
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().item(false);
            }
            Duration next = poll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll.multipliedBy(2);
            return Uni.createFrom().voidItem().onItem().delayIt().by(poll).chain(() -> until(check, deadline, next));
        });
    }

    /** The token's positions that the projection parked rather than applied (empty when none). */
    private Uni<String> parked(ConsistencyToken token) {
        Integer[] partitions = token.offsets().keySet().toArray(Integer[]::new);
        Long[] offsets = token.offsets().keySet().stream().map(token.offsets()::get).toArray(Long[]::new);
        return pool.preparedQuery("""
                        SELECT string_agg(p.log_partition || ':' || p.log_offset, ',') AS parked
                        FROM parked_events p JOIN unnest($1::int[], $2::bigint[]) AS t(part, off)
                          ON p.log_partition = t.part AND p.log_offset = t.off
                        WHERE p.status <> 'skipped'""")
                .execute(Tuple.of(partitions, offsets))
                .map(rows -> {
                    String parked = rows.iterator().next().getString("parked");
                    return parked == null ? "" : parked;
                });
    }
}
