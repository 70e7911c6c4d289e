package io.bilateral.ingest.config;

import io.bilateral.events.actor.Actors;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Adds the configured organisations ({@link ActorsConfig}) to the known actors. */
@ApplicationScoped
class ExtraOrganisations {

    /** Before anything reads or validates an event: the list is part of what an actor code may be. */
    void add(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, ActorsConfig config) {
        config.organisations().ifPresent(Actors::addOrganisations);
    }
}
