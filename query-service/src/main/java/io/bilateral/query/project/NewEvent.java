package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;

/**
 * An event the read models have not applied before, with its JSON as the read models store it:
 * written once per event, however many tables keep it.
 */
public record NewEvent(EventEnvelope envelope, String json) {

    static NewEvent of(EventEnvelope envelope) {
        return new NewEvent(envelope, EventJson.toJson(envelope).toString());
    }
}
