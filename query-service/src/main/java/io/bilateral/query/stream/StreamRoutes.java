package io.bilateral.query.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscribers of the tail indexed by what their filters name, so that a page of events goes
 * only to those who want some of it: a subscriber of one dyad is looked at for that dyad's
 * events and the events that concern it, not for every event of the page. Before, each page was
 * matched against every subscriber: with 1,000 subscribers of one dyad each, nearly a fifth of
 * query-service's event-loop time went to filters that said no (BENCHMARKS.md).
 *
 * <p>A filter with dyads is indexed by its dyads, one with actors only by its actors, one with
 * neither (every dyad, perhaps some types) is looked at for every event. The filter itself has
 * the last word on each event, so the index only narrows whom to ask. Not thread-safe: the
 * stream's hub uses it under its fan-out lock.
 *
 * @param <S> a subscriber
 */
final class StreamRoutes<S> {

    private final Map<S, StreamFilter> filters = new HashMap<>();
    private final Map<String, Set<S>> byDyad = new HashMap<>();
    private final Map<String, Set<S>> byActor = new HashMap<>();
    private final Set<S> everyDyad = new LinkedHashSet<>();

    void add(S subscriber, StreamFilter filter) {
        if (filters.putIfAbsent(subscriber, filter) != null) {
            return;
        }
        if (!filter.dyads().isEmpty()) {
            filter.dyads().forEach(d -> byDyad.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(subscriber));
        } else if (!filter.actors().isEmpty()) {
            filter.actors().forEach(a -> byActor.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(subscriber));
        } else {
            everyDyad.add(subscriber);
        }
    }

    void remove(S subscriber) {
        StreamFilter filter = filters.remove(subscriber);
        if (filter == null) {
            return;
        }
        filter.dyads().forEach(d -> drop(byDyad, d, subscriber));
        filter.actors().forEach(a -> drop(byActor, a, subscriber));
        everyDyad.remove(subscriber);
    }

    private static <S> void drop(Map<String, Set<S>> index, String key, S subscriber) {
        Set<S> set = index.get(key);
        if (set != null && set.remove(subscriber) && set.isEmpty()) {
            index.remove(key);
        }
    }

    /** Each subscriber that wants some of the page, with the events it wants, once each and in the page's order. */
    Map<S, List<CommittedEvent>> route(List<CommittedEvent> page) {
        Map<S, List<CommittedEvent>> routed = new LinkedHashMap<>();
        for (CommittedEvent e : page) {
            offer(routed, byDyad.get(e.dyad()), e);
            for (String other : e.concerns()) {
                offer(routed, byDyad.get(other), e);
            }
            if (!byActor.isEmpty()) {
                for (String actor : e.actors()) {
                    offer(routed, byActor.get(actor), e);
                }
            }
            offer(routed, everyDyad, e);
        }
        return routed;
    }

    private void offer(Map<S, List<CommittedEvent>> routed, Set<S> candidates, CommittedEvent e) {
        if (candidates == null) {
            return;
        }
        for (S s : candidates) {
            List<CommittedEvent> events = routed.get(s);
            // Asked twice for one event (its dyad and a dyad it concerns are both followed): once is enough.
            if (events != null && events.get(events.size() - 1) == e) {
                continue;
            }
            if (filters.get(s).matches(e)) {
                if (events == null) {
                    events = new ArrayList<>(2);
                    routed.put(s, events);
                }
                events.add(e);
            }
        }
    }
}
