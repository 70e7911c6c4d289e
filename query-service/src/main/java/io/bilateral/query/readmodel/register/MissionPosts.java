package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mission facts folded, in date order, into posts (sending state, host, city, kind) with a status. */
public final class MissionPosts {

    public static final String[] TYPES = {"MissionOpened", "MissionClosed", "MissionRecorded"};

    private MissionPosts() {
    }

    public static List<Missions.Post> fold(List<StoredFact> missionFacts) {
        Map<String, Folding> posts = new LinkedHashMap<>();
        for (StoredFact f : missionFacts) {
            JsonObject m = f.event().getJsonObject("mission");
            String key = m.getString("sendingState") + "|" + m.getString("hostState") + "|" + m.getString("city") + "|" + m.getString("kind");
            Folding post = posts.computeIfAbsent(key, k -> new Folding(m));
            post.facts.add(new Missions.PostFact(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(), f.sources(), f.type()));
            switch (f.type()) {
                case "MissionOpened" -> {
                    post.status = "OPEN";
                    post.since = f.occurred();
                }
                case "MissionClosed" -> {
                    post.status = "CLOSED";
                    post.closed = f.occurred();
                }
                // "has an embassy": open, unless a later-dated fact closed it.
                default -> post.status = post.status == null ? "OPEN" : post.status;
            }
        }
        return posts.values().stream().map(Folding::post).toList();
    }

    /** A post while its facts are folded in. */
    private static final class Folding {
        private final JsonObject mission;
        private final List<Missions.PostFact> facts = new ArrayList<>();
        private String status;
        private String since;
        private String closed;

        Folding(JsonObject mission) {
            this.mission = mission;
        }

        Missions.Post post() {
            return new Missions.Post(mission.getString("kind"), mission.getString("sendingState"), mission.getString("hostState"),
                    mission.getString("city"), status, since, closed, List.copyOf(facts));
        }
    }
}
