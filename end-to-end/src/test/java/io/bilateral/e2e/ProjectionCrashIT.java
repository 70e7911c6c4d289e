package io.bilateral.e2e;

import io.bilateral.localstack.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * query-service killed with SIGKILL at random moments while a load runs, and restarted on the
 * same database each time, ends with exactly the read models of a fold of the log: no event
 * lost, none applied twice. This is what storing the offsets in the read models' transaction
 * promises; a kill lands between batches, inside a batch's transaction, or while the restarted
 * instance catches up.
 *
 * <p>The fold is a second query-service that is never killed, projecting the same log into a
 * database of its own ({@code bilateral_fold}) as a consumer group of its own.
 *
 * <p>Settings (system properties; the defaults keep CI short):
 * <ul>
 *   <li>{@code bilateral.crash.events} (5000): distinct events posted, in batches of
 *       {@code bilateral.crash.batch} (50), spread over {@code bilateral.crash.seconds} (20);</li>
 *   <li>{@code bilateral.crash.kills} (3);</li>
 *   <li>{@code bilateral.crash.seed} (random, printed): the load, how much each life applies
 *       before its kill, and the delays (the timing itself is the machine's);</li>
 *   <li>{@code bilateral.crash.sameGroup} (true): restart in the consumer group of the killed
 *       instance, as a real restart does; the killed member is gone for the broker once its
 *       session times out ({@code bilateral.projection.session-timeout}, 15 s), and only then
 *       does the new instance get the partitions. With {@code false} each start joins a group of
 *       its own, which skips that wait: the offsets that count are in PostgreSQL, so the group
 *       does not change what is applied.</li>
 * </ul>
 * The long version (7 to 10 minutes on two busy cores with {@code -Dbilateral.crash.sameGroup=false};
 * add 15 s a kill otherwise): {@code mvn -B -o verify -pl end-to-end -Dit.test=ProjectionCrashIT
 * -Dbilateral.crash.events=50000 -Dbilateral.crash.kills=10 -Dbilateral.crash.seconds=240}.
 */
class ProjectionCrashIT {

    static final String FOLD_DATABASE = "bilateral_fold";
    static final int EVENTS = Integer.getInteger("bilateral.crash.events", 5000);
    static final int KILLS = Integer.getInteger("bilateral.crash.kills", 3);
    static final int BATCH = Integer.getInteger("bilateral.crash.batch", 50);
    static final Duration SPREAD = Duration.ofSeconds(Integer.getInteger("bilateral.crash.seconds", 20));
    static final long SEED = Long.getLong("bilateral.crash.seed", new Random().nextLong());
    static final boolean SAME_GROUP = Boolean.parseBoolean(System.getProperty("bilateral.crash.sameGroup", "true"));

    static E2eStack stack;
    static ServiceProcess events;

    @BeforeAll
    static void startSystem() {
        stack = E2eStack.start("ProjectionCrashIT");
        events = stack.startEventService();
        stack.createDatabase(FOLD_DATABASE);
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void queryServiceKilledAtRandomMomentsDuringLoad_endsWithTheReadModelsOfAFoldOfTheLog_noEventLostOrDoubled() throws Exception {
        System.out.printf("ProjectionCrashIT: seed %d, %d events, %d kills, spread over %s, same group: %s%n",
                SEED, EVENTS, KILLS, SPREAD, SAME_GROUP);
        FactLoad load = FactLoad.generate(SEED, EVENTS, 50, BATCH);
        System.out.println("ProjectionCrashIT: load " + load.kinds());
        CompletableFuture<ServiceProcess> fold = stack.startQueryServiceInBackground("query-fold", FOLD_DATABASE, "bilateral-fold");
        ServiceProcess crashing = stack.startQueryService("query-crashing-0", LocalPostgres.DATABASE, group(0));
        fold.join();

        long loadStart = System.nanoTime();
        CompletableFuture<FactLoad.Result> posting = CompletableFuture.supplyAsync(() ->
                load.post(events.url(), stack.editorToken(), SPREAD), E2eStack::onNewThread);
        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        try (KafkaView kafka = new KafkaView(stack.kafkaServers())) {
            for (int k = 1; k <= KILLS; k++) {
                // A random moment while it applies, spread over the whole log: once it has applied
                // a random share of it since it started (on average an equal share a life), then up
                // to 3 s later, mostly inside a batch's transaction. Once the load is over and it
                // has caught up, it has nothing to do: then it is killed idle.
                long seen = applied();
                long target = seen + 1 + random.nextInt(Math.max(1, 2 * EVENTS / (KILLS + 1)));
                long progressed = System.nanoTime();
                for (long now = seen; now < target && !(posting.isDone() && caughtUp(kafka)); now = applied()) {
                    if (now != seen) {
                        seen = now;
                        progressed = System.nanoTime();
                    }
                    assertThat(System.nanoTime() - progressed).as("%s applies nothing for 120 s", crashing)
                            .isLessThan(TimeUnit.SECONDS.toNanos(120));
                    Thread.sleep(50);
                }
                Thread.sleep(random.nextInt(3000));
                long atKill = applied();
                crashing.kill();
                kills.add(String.format("kill %d at %.1f s, stored offsets summing to %d, load %s", k,
                        (System.nanoTime() - loadStart) / 1e9, atKill, posting.isDone() ? "over" : "running"));
                crashing = stack.startQueryService("query-crashing-" + k, LocalPostgres.DATABASE, group(k));
            }
        }
        FactLoad.Result posted = posting.get(10, TimeUnit.MINUTES);
        System.out.println("ProjectionCrashIT: " + posted + "; " + kills);
        System.out.println("ProjectionCrashIT: transactions cut off by a kill, as PostgreSQL saw them: "
                + cutOffTransactions());

        LogReader.Contents log = LogReader.readAll(stack.kafkaServers());
        // event-service put every event posted in the log; a re-posted one twice.
        assertThat(log.eventIds()).isEqualTo(load.eventIds());
        assertThat(log.records()).isGreaterThanOrEqualTo(load.size());

        ReadModels.Snapshot folded = ReadModels.assertProjectedEqualsFold(
                () -> stack.connect(LocalPostgres.DATABASE), () -> stack.connect(FOLD_DATABASE), log,
                // At least 50 events a second, as on a busy two-core machine.
                Duration.ofSeconds(Math.max(180, EVENTS / 50)));
        System.out.printf("ProjectionCrashIT: read models equal at %.1f s: %s%n", (System.nanoTime() - loadStart) / 1e9, folded.counts());
        assertThat(crashing.isAlive()).isTrue();

        // The load exercised what makes order matter: applied corrections and refused ones.
        try (Connection c = stack.connect(FOLD_DATABASE); Statement s = c.createStatement()) {
            var r = s.executeQuery("""
                    SELECT (SELECT count(*) FROM fact_revisions WHERE kind = 'AMENDED'),
                           (SELECT count(*) FROM facts WHERE retracted),
                           (SELECT count(*) FROM fact_conflicts),
                           (SELECT count(*) FROM dyads)""");
            r.next();
            assertThat(r.getLong(1)).as("applied amendments").isPositive();
            assertThat(r.getLong(2)).as("retracted facts").isPositive();
            assertThat(r.getLong(3)).as("refused corrections").isPositive();
            assertThat(r.getLong(4)).as("dyads").isEqualTo(50);
        }
        comparisonSeesADoubledRevision(folded);
    }

    /**
     * The comparison is not vacuous: one fact revision applied twice more (as a correction applied
     * twice would leave it), inside a transaction that is rolled back, is reported.
     */
    private static void comparisonSeesADoubledRevision(ReadModels.Snapshot fold) throws Exception {
        try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO fact_revisions (fact_id, revision, event_id, kind, reason, sources, changes, recorded_at)
                        SELECT fact_id, revision + 1, event_id, kind, reason, sources, changes, recorded_at
                        FROM fact_revisions ORDER BY fact_id, revision DESC LIMIT 1""");
                List<String> differences = ReadModels.differences("the fold", fold, "the tampered copy", ReadModels.foldable(c));
                assertThat(differences).as("a doubled revision is seen").isNotEmpty()
                        .anySatisfy(d -> assertThat(d).startsWith("fact_revisions: 0 in the fold, 1 in the tampered copy"));
            } finally {
                c.rollback();
            }
        }
    }

    /** PostgreSQL logs each connection that vanished inside a transaction. */
    private static long cutOffTransactions() throws java.io.IOException {
        try (var lines = java.nio.file.Files.lines(stack.dir().resolve("postgres.log"))) {
            return lines.filter(l -> l.contains("unexpected EOF on client connection with an open transaction")).count();
        }
    }

    /** Whether the projection under test stores, for every partition, the log's committed end (less its commit marker). */
    private static boolean caughtUp(KafkaView kafka) throws Exception {
        Map<Integer, Long> stored;
        try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
            stored = ReadModels.storedOffsets(c);
        }
        return kafka.committedEnds().entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || stored.getOrDefault(end.getKey(), 0L) >= end.getValue() - 1);
    }

    /** How far the projection under test got: the sum of its stored next offsets. */
    private static long applied() throws Exception {
        try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
            return ReadModels.storedOffsets(c).values().stream().mapToLong(Long::longValue).sum();
        } catch (java.sql.SQLException notYetMigrated) {
            return 0;
        }
    }

    private static String group(int start) {
        return SAME_GROUP ? E2eStack.QUERY_GROUP : E2eStack.QUERY_GROUP + "-start-" + start;
    }
}
