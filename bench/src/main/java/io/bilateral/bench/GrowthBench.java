package io.bilateral.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 7, long mode ({@code ./bilateral bench --growth}): the log grown step by step to
 * a million events, and at each step how fast the projection caught up with what was added,
 * and the latency of a timeline page and of a dyad's summary at 100 requests/s. Flat figures
 * say that neither the projection's cost per event nor a read's cost grows with the log.
 * Kept out of the regular run: on 2 cores it takes about a quarter of an hour.
 */
final class GrowthBench {

    private final Vertx vertx;
    private final Target target;
    private final ProjectionBench projection;

    GrowthBench(Vertx vertx, Target target, ProjectionBench projection) {
        this.vertx = vertx;
        this.target = target;
        this.projection = projection;
    }

    /** Grows the log to each of {@code steps} (events the benchmark added, in order) and measures at each. */
    void run(Results r, long[] steps, int batch) throws Exception {
        long added = 0;
        Step first = null;
        for (long step : steps) {
            projection.pause();
            projection.load(step - added, batch);
            ProjectionBench.CatchUp caughtUp = projection.resumeAndTime();
            added = step;
            // Unrecorded first: the first step would otherwise time the JIT warming up.
            projection.timeline();
            summary();
            HttpLoad.Outcome timeline = projection.timeline();
            HttpLoad.Outcome summary = summary();
            Step now = new Step(step, caughtUp, timeline, summary);
            record(r, now, first);
            if (first == null) {
                first = now;
            }
        }
    }

    private record Step(long events, ProjectionBench.CatchUp caughtUp, HttpLoad.Outcome timeline, HttpLoad.Outcome summary) {
        String label() {
            return String.format(Locale.ROOT, "%,d events added (log of %,d records)", events, caughtUp.logRecords());
        }
    }

    private static void record(Results r, Step now, Step first) {
        String rate = String.format(Locale.ROOT, "catch-up of %,d events; %s", now.caughtUp().events(), now.caughtUp().cpu());
        String timelineNote = "p50 " + Results.number(now.timeline().p50Ms()) + " ms" + failed(now.timeline());
        String summaryNote = "p50 " + Results.number(now.summary().p50Ms()) + " ms" + failed(now.summary());
        if (first == null) {
            r.add("7 growth (long)", "projection rate, " + now.label(), now.caughtUp().perSecond(), "events/s", rate);
            r.add("7 growth (long)", "timeline page p99 at 100/s, " + now.label(), now.timeline().p99Ms(), "ms", timelineNote);
            r.add("7 growth (long)", "dyad summary p99 at 100/s, " + now.label(), now.summary().p99Ms(), "ms", summaryNote);
            return;
        }
        String base = first.label();
        r.compare("7 growth (long)", "projection rate, " + now.label(), now.caughtUp().perSecond(), "events/s", base,
                first.caughtUp().perSecond(), true, "flat (within 1.5×)", 1 / 1.5, rate);
        r.compare("7 growth (long)", "timeline page p99 at 100/s, " + now.label(), now.timeline().p99Ms(), "ms", base,
                first.timeline().p99Ms(), false, "flat (within 1.5×)", 1 / 1.5, timelineNote);
        r.compare("7 growth (long)", "dyad summary p99 at 100/s, " + now.label(), now.summary().p99Ms(), "ms", base,
                first.summary().p99Ms(), false, "flat (within 1.5×)", 1 / 1.5, summaryNote);
    }

    /** A dyad's summary at 100 requests/s for 5 s, on the dyad whose timeline is measured. */
    private HttpLoad.Outcome summary() throws Exception {
        return new HttpLoad(vertx, target.queries()).atRate(new HttpLoad.Request(HttpMethod.GET,
                "/dyads/" + projection.measuredDyad(), Map.of(), null), 100, Duration.ofSeconds(5), 8);
    }

    private static String failed(HttpLoad.Outcome o) {
        return o.failed() == 0 ? "" : "; " + o.failed() + " failed, first: " + o.firstFailure();
    }
}
