package io.bilateral.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.actor.DyadId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A reproducible load (same seed, same events) of valid facts over many dyads, for
 * {@code POST /events/batch} as NDJSON. Besides new facts of several types it holds what makes
 * the order of the log matter, so that a projection which skipped, repeated or reordered
 * events would end in other read models than a fold of the log:
 * <ul>
 *   <li>amendments and retractions of earlier facts, each based on the revision the fact is
 *       at by then (so each applies only after exactly the corrections before it);</li>
 *   <li>corrections based on a stale revision, of a retracted fact, or of a fact that does not
 *       exist: recorded as conflicts, never applied;</li>
 *   <li>a fact id recorded a second time (a conflict, the first recording stays);</li>
 *   <li>an earlier batch posted again, as a client that never got the answer would retry it:
 *       the log holds its events twice, the read models once (event ids are the client's).</li>
 * </ul>
 * Fact ids are never shared between dyads, and corrections always name a fact of their own
 * dyad: every event about a fact is then on one partition, in order. (Otherwise the read models
 * depend on how the partitions interleave, which differs between any two projections: see
 * {@link FactIdAcrossDyadsIT}.)
 */
final class FactLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** ISO 3166-1 alpha-3 codes (Actors knows every code the JDK knows); 11 of them make 55 dyads. */
    private static final List<String> STATES = List.of("BEL", "CHN", "DEU", "FRA", "USA", "JPN", "BRA", "IND", "ZAF", "CAN", "MEX");
    private static final List<String> CERTAINTIES = List.of("REPORTED", "ALLEGED", "CONFIRMED", "DENIED");
    private static final List<String> FACT_TYPES = List.of("DiplomaticRelationsEstablished", "OfficialVisit",
            "TradeStatisticReported", "DiplomatSummoned", "PolicyOpposition", "AgreementSigned", "MissionRecorded");
    private static final List<String> RETRACTION_REASONS = List.of("ERRONEOUS", "DUPLICATE", "SOURCE_WITHDRAWN");

    private final List<List<String>> batches;
    private final Set<String> eventIds;
    private final Map<String, Integer> kinds;

    private FactLoad(List<List<String>> batches, Set<String> eventIds, Map<String, Integer> kinds) {
        this.batches = batches;
        this.eventIds = eventIds;
        this.kinds = kinds;
    }

    /**
     * {@code events} distinct events over {@code dyadCount} dyads (at most 55), in batches of
     * {@code batchSize}; about one batch in twenty is followed by a repeat of an earlier one.
     */
    static FactLoad generate(long seed, int events, int dyadCount, int batchSize) {
        Generator generator = new Generator(seed, dyads(dyadCount));
        List<String> lines = generator.run(events);
        Random random = new Random(seed + 1);
        List<List<String>> batches = new ArrayList<>();
        int distinct = 0;
        Map<String, Integer> kinds = new TreeMap<>(generator.kinds);
        for (int from = 0; from < lines.size(); from += batchSize) {
            batches.add(lines.subList(from, Math.min(lines.size(), from + batchSize)));
            distinct++;
            if (distinct > 1 && random.nextInt(20) == 0) {
                List<String> again = batches.get(random.nextInt(batches.size() - 1));
                batches.add(again);
                kinds.merge("event posted again in a repeated batch", again.size(), Integer::sum);
            }
        }
        return new FactLoad(List.copyOf(batches), Set.copyOf(generator.eventIds), Map.copyOf(kinds));
    }

    static List<DyadId> dyads(int count) {
        List<DyadId> all = new ArrayList<>();
        for (int i = 0; i < STATES.size(); i++) {
            for (int j = i + 1; j < STATES.size(); j++) {
                all.add(DyadId.of(STATES.get(i), STATES.get(j)));
            }
        }
        if (count > all.size()) {
            throw new IllegalArgumentException("at most " + all.size() + " dyads, not " + count);
        }
        return all.subList(0, count);
    }

    /** Lines posted, a repeated batch's as often as it is posted. */
    int size() {
        return batches.stream().mapToInt(List::size).sum();
    }

    /** Every event id posted (a re-posted event once). */
    Set<String> eventIds() {
        return eventIds;
    }

    /** How many lines of each kind: for the test's report. */
    Map<String, Integer> kinds() {
        return kinds;
    }

    /**
     * Posts every batch, in order, spread evenly over {@code spread}
     * (a load that lasts, rather than one burst). A batch answered 503 is posted again: its events
     * carry their ids, so a batch that did reach the log is applied once all the same.
     */
    Result post(String eventServiceUrl, String editorToken, Duration spread) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        int retries = 0;
        for (int b = 0; b < batches.size(); b++) {
            sleepUntil(start + spread.toNanos() * b / batches.size());
            List<String> batch = batches.get(b);
            byte[] body = (String.join("\n", batch) + "\n").getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(eventServiceUrl + "/events/batch"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + editorToken)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = send(http, request);
                if (response.statusCode() == 202) {
                    int accepted = accepted(response.body());
                    if (accepted != batch.size()) {
                        throw new IllegalStateException("batch " + b + ": " + accepted + " of " + batch.size() + " accepted: " + response.body());
                    }
                    break;
                }
                if (response.statusCode() != 503 || attempt == 5) {
                    throw new IllegalStateException("batch " + b + " answered " + response.statusCode() + ": " + response.body());
                }
                retries++;
                sleepUntil(System.nanoTime() + 500_000_000L);
            }
        }
        return new Result(size(), batches.size(), retries, Duration.ofNanos(System.nanoTime() - start));
    }

    record Result(int events, int batches, int retried, Duration took) {
    }

    private static int accepted(String body) {
        try {
            return JSON.readTree(body).path("accepted").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST /events/batch failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** What the generator knows of a fact: enough to aim corrections at its current revision. */
    private static final class Fact {
        final String id;
        final String type;
        int revision = 1;
        boolean retracted;

        Fact(String id, String type) {
            this.id = id;
            this.type = type;
        }
    }

    private static final class Generator {
        private final Random random;
        private final long seed;
        private final List<DyadId> dyads;
        private final Map<DyadId, List<Fact>> facts = new TreeMap<>(java.util.Comparator.comparing(DyadId::toString));
        private final Map<String, Integer> kinds = new TreeMap<>();
        private final List<String> lines = new ArrayList<>();
        private final Set<String> eventIds = new LinkedHashSet<>();
        private int sequence;

        Generator(long seed, List<DyadId> dyads) {
            this.seed = seed;
            this.random = new Random(seed);
            this.dyads = dyads;
            dyads.forEach(d -> facts.put(d, new ArrayList<>()));
        }

        List<String> run(int events) {
            while (lines.size() < events) {
                DyadId dyad = dyads.get(random.nextInt(dyads.size()));
                List<Fact> known = facts.get(dyad);
                double r = random.nextDouble();
                if (known.isEmpty() || r < 0.58) {
                    add(dyad, "new fact", newFact(dyad, null));
                } else if (r < 0.76) {
                    add(dyad, "amendment", amendment(dyad, pick(known)));
                } else if (r < 0.84) {
                    add(dyad, "retraction", retraction(dyad, pick(known)));
                } else if (r < 0.87) {
                    ObjectNode unknown = correction(dyad, dyad.toString().toLowerCase() + "-never-recorded-" + sequence, "FactRetracted", 1);
                    unknown.put("reason", "ERRONEOUS");
                    add(dyad, "correction of an unknown fact", unknown);
                } else if (r < 0.90) {
                    add(dyad, "fact id recorded again", newFact(dyad, pick(known).id));
                } else {
                    add(dyad, "new fact", newFact(dyad, null));
                }
            }
            return lines;
        }

        private Fact pick(List<Fact> known) {
            return known.get(random.nextInt(known.size()));
        }

        private void add(DyadId dyad, String kind, ObjectNode event) {
            String id = UUID.nameUUIDFromBytes(("crash-load:" + seed + ":" + sequence++).getBytes(StandardCharsets.UTF_8)).toString();
            ObjectNode line = JSON.createObjectNode().put("eventId", id);
            line.setAll(event);
            String text = line.toString();
            kinds.merge(kind, 1, Integer::sum);
            eventIds.add(id);
            lines.add(text);
        }

        /** A new fact; {@code factId} null for a fresh id, else an id already recorded. */
        private ObjectNode newFact(DyadId dyad, String factId) {
            String type = FACT_TYPES.get(random.nextInt(FACT_TYPES.size()));
            String id = factId != null ? factId : dyad.toString().toLowerCase() + "-f" + sequence;
            boolean forward = random.nextBoolean();
            String a = forward ? dyad.first() : dyad.second();
            String b = forward ? dyad.second() : dyad.first();
            ObjectNode e = JSON.createObjectNode().put("type", type).put("dyad", dyad.toString()).put("factId", id);
            if (!type.equals("MissionRecorded")) {
                e.put("occurred", date());
            }
            e.put("certainty", CERTAINTIES.get(random.nextInt(CERTAINTIES.size())));
            switch (type) {
                case "OfficialVisit" -> {
                    e.putObject("visitor").put("name", "Visitor " + sequence);
                    e.put("visitingState", a).put("hostState", b);
                }
                case "TradeStatisticReported" -> e.put("reporter", a).put("partner", b).put("flow", "TOTAL")
                        .put("value", 1_000_000L * (1 + random.nextInt(50_000))).put("currency", "EUR");
                case "DiplomatSummoned" -> e.put("summonedBy", a).put("envoyOf", b).put("reason", "statement " + sequence);
                case "PolicyOpposition" -> e.put("opposedBy", a).put("policyOf", b).put("policy", "policy " + sequence);
                case "AgreementSigned" -> e.put("title", "Agreement " + sequence);
                case "MissionRecorded" -> e.putObject("mission").put("kind", "EMBASSY").put("sendingState", a)
                        .put("hostState", b).put("city", "City " + sequence);
                default -> {
                }
            }
            sources(e);
            if (factId == null) {
                facts.get(dyad).add(new Fact(id, type));
            }
            return e;
        }

        /** Mostly based on the current revision (it applies); one in eight on a stale one (a conflict). */
        private ObjectNode amendment(DyadId dyad, Fact fact) {
            boolean stale = random.nextInt(8) == 0;
            int basedOn = stale ? (fact.revision > 1 ? fact.revision - 1 : fact.revision + 1) : fact.revision;
            ObjectNode e = correction(dyad, fact.id, "FactAmended", basedOn);
            ObjectNode changes = e.putObject("changes");
            int what = random.nextInt(fact.type.equals("TradeStatisticReported") ? 4 : 3);
            if (what == 0 && !fact.type.equals("MissionRecorded")) {
                changes.put("occurred", date());
            } else if (what == 1) {
                changes.put("certainty", CERTAINTIES.get(random.nextInt(CERTAINTIES.size())));
            } else if (what == 3) {
                changes.put("value", 1_000_000L * (1 + random.nextInt(50_000)));
            } else {
                changes.put("summary", "amended by event " + sequence);
            }
            e.put("reason", "correction " + sequence);
            if (!fact.retracted && basedOn == fact.revision) {
                fact.revision++;
            }
            return e;
        }

        private ObjectNode retraction(DyadId dyad, Fact fact) {
            ObjectNode e = correction(dyad, fact.id, "FactRetracted", fact.revision);
            e.put("reason", RETRACTION_REASONS.get(random.nextInt(RETRACTION_REASONS.size())));
            if (!fact.retracted) {
                fact.revision++;
                fact.retracted = true;
            }
            return e;
        }

        private ObjectNode correction(DyadId dyad, String factId, String type, int basedOn) {
            ObjectNode e = JSON.createObjectNode().put("type", type).put("dyad", dyad.toString()).put("factId", factId)
                    .put("basedOnRevision", basedOn);
            sources(e);
            return e;
        }

        private void sources(ObjectNode e) {
            ArrayNode sources = e.putArray("sources");
            sources.addObject().put("url", "https://example.org/crash-load/" + sequence).put("title", "Source " + sequence);
        }

        /** A partial date at day, month or year precision, never padded. */
        private String date() {
            int year = 1950 + random.nextInt(75);
            return switch (random.nextInt(3)) {
                case 0 -> Integer.toString(year);
                case 1 -> String.format("%d-%02d", year, 1 + random.nextInt(12));
                default -> String.format("%d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            };
        }
    }
}
