package io.bilateral.e2e;

import io.bilateral.localstack.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-service instances on one database, in one consumer group, share the partitions of
 * the log. One is killed with SIGKILL while a load runs; once the broker counts it gone (its
 * session times out: 15 s, bilateral.projection.session-timeout) the other takes its partitions over, resumes them
 * from the offsets stored in the database, and the read models end equal to a fold of the log:
 * nothing the killed instance was applying is lost, nothing it had committed is applied again.
 * The fold is a third instance that projects the whole log alone, into a database of its own
 * and as a group of its own; what it holds at the end does not depend on when it starts.
 *
 * <p>{@code bilateral.two.events} (2000) distinct events, spread over
 * {@code bilateral.two.seconds} (10); {@code bilateral.two.seed} (random, printed).
 */
class TwoInstancesIT {

    static final String FOLD_DATABASE = "bilateral_fold";
    static final int EVENTS = Integer.getInteger("bilateral.two.events", 2000);
    static final Duration SPREAD = Duration.ofSeconds(Integer.getInteger("bilateral.two.seconds", 10));
    static final long SEED = Long.getLong("bilateral.two.seed", new Random().nextLong());
    private static final Pattern ASSIGNED = Pattern.compile("projecting partitions \\[([^]]*)]");
    private static final Pattern PARTITION = Pattern.compile("-(\\d+)$");

    static E2eStack stack;
    static ServiceProcess events;

    @BeforeAll
    static void startSystem() {
        stack = E2eStack.start("TwoInstancesIT");
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
    void twoInstancesShareThePartitions_andWhenOneIsKilledTheOtherTakesItsPartitions_withNothingLostOrDoubled() throws Exception {
        System.out.printf("TwoInstancesIT: seed %d, %d events spread over %s%n", SEED, EVENTS, SPREAD);
        FactLoad load = FactLoad.generate(SEED, EVENTS, 50, 50);
        CompletableFuture<ServiceProcess> a = stack.startQueryServiceInBackground("query-a", LocalPostgres.DATABASE, E2eStack.QUERY_GROUP);
        ServiceProcess survivor = stack.startQueryService("query-b", LocalPostgres.DATABASE, E2eStack.QUERY_GROUP);
        ServiceProcess victim = a.join();

        Set<Integer> victims;
        long killedAt;
        try (KafkaView kafka = new KafkaView(stack.kafkaServers())) {
            // Both members have some of the partitions, together all of them; the victim's are the
            // ones it logged last.
            AtomicReference<Map<String, Set<Integer>>> shared = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Map<String, Set<Integer>> members = kafka.assignments(E2eStack.QUERY_GROUP);
                assertThat(members).hasSize(2);
                assertThat(members.values()).allSatisfy(p -> assertThat(p).isNotEmpty());
                assertThat(members.values()).containsExactlyInAnyOrder(lastAssigned(victim), lastAssigned(survivor));
                shared.set(members);
            });
            victims = lastAssigned(victim);
            System.out.println("TwoInstancesIT: shared " + shared.get() + "; " + victim.name() + " has " + victims);

            CompletableFuture<FactLoad.Result> posting = CompletableFuture.supplyAsync(() ->
                    load.post(events.url(), stack.editorToken(), SPREAD), E2eStack::onNewThread);
            // Killed while it applies: once its partitions moved since the load began, then up to 5 s
            // later (the load lasts about 10).
            Map<Integer, Long> before = storedOffsets();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                Map<Integer, Long> now = storedOffsets();
                return victims.stream().anyMatch(p -> !now.getOrDefault(p, 0L).equals(before.getOrDefault(p, 0L)));
            });
            Thread.sleep(new Random(SEED).nextInt(5000));
            victim.kill();
            killedAt = System.nanoTime();
            System.out.println("TwoInstancesIT: killed " + victim + " at stored offsets " + storedOffsets()
                    + (posting.isDone() ? ", load over" : ", load running"));

            // The fold starts while the broker still counts the victim in (it projects the whole
            // log from the beginning all the same): the machine has little else to do meanwhile.
            stack.startQueryService("query-fold", FOLD_DATABASE, "bilateral-fold");

            // The survivor alone has every partition, and says so.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Set<Integer>> members = kafka.assignments(E2eStack.QUERY_GROUP);
                assertThat(members).hasSize(1);
                assertThat(members.values().iterator().next()).isEqualTo(allPartitions(kafka));
                assertThat(lastAssigned(survivor)).isEqualTo(allPartitions(kafka));
            });
            System.out.printf("TwoInstancesIT: %s took over %s after %d s%n", survivor.name(), victims,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt));
            System.out.println("TwoInstancesIT: " + posting.get(5, TimeUnit.MINUTES));
        }

        LogReader.Contents log = LogReader.readAll(stack.kafkaServers());
        assertThat(log.eventIds()).isEqualTo(load.eventIds());
        ReadModels.Snapshot folded = ReadModels.assertProjectedEqualsFold(
                () -> stack.connect(LocalPostgres.DATABASE), () -> stack.connect(FOLD_DATABASE), log, Duration.ofMinutes(3));
        System.out.println("TwoInstancesIT: read models equal: " + folded.counts());
        assertThat(survivor.isAlive()).isTrue();
    }

    /** The partitions an instance logged it projects, at its latest assignment. */
    private static Set<Integer> lastAssigned(ServiceProcess service) throws IOException {
        List<String> lines = Files.readAllLines(service.log());
        Set<Integer> partitions = new TreeSet<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = ASSIGNED.matcher(lines.get(i));
            if (m.find()) {
                for (String tp : m.group(1).split(",\\s*")) {
                    Matcher p = PARTITION.matcher(tp.trim());
                    if (p.find()) {
                        partitions.add(Integer.parseInt(p.group(1)));
                    }
                }
                break;
            }
        }
        return partitions;
    }

    private static Set<Integer> allPartitions(KafkaView kafka) {
        return new TreeSet<>(kafka.committedEnds().keySet());
    }

    private static Map<Integer, Long> storedOffsets() throws Exception {
        try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
            return ReadModels.storedOffsets(c);
        }
    }
}
