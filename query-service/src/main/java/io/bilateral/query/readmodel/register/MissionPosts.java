package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mission facts folded, in date order, into posts (sending state, host, city, kind) with a status. */
public final class MissionPosts {

    public static final String[] TYPES = {"MissionOpened", "MissionClosed", "MissionRecorded"};

    private MissionPosts() {
    }

    public static List<JsonObject> fold(List<StoredFact> missionFacts) {
        Map<String, JsonObject> posts = new LinkedHashMap<>();
        for (StoredFact f : missionFacts) {
            JsonObject m = f.event().getJsonObject("mission");
            String key = m.getString("sendingState") + "|" + m.getString("hostState") + "|" + m.getString("city") + "|" + m.getString("kind");
            JsonObject post = posts.computeIfAbsent(key, k -> new JsonObject().mergeIn(m).put("facts", new JsonArray()));
            post.getJsonArray("facts").add(RegisterResource.entry(f).put("type", f.type()));
            switch (f.type()) {
                case "MissionOpened" -> post.put("status", "OPEN").put("since", f.occurred());
                case "MissionClosed" -> post.put("status", "CLOSED").put("closed", f.occurred());
                // "has an embassy": open, unless a later-dated fact closed it.
                default -> post.put("status", post.getString("status", "OPEN"));
            }
        }
        return List.copyOf(posts.values());
    }
}
