package io.bilateral.ingest.auth;

import io.bilateral.events.envelope.RecordedBy;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who submits this request's events, as the verified token says: its subject and issuer, and the
 * client it was issued to when it names one. The only source of an event's {@code recordedBy}:
 * a body that carries one is refused.
 */
@RequestScoped
public class Submitter {

    private final JsonWebToken token;

    Submitter(JsonWebToken token) {
        this.token = token;
    }

    public RecordedBy recordedBy() {
        Object client = token.getClaim("azp") != null ? token.getClaim("azp") : token.getClaim("client_id");
        return new RecordedBy(token.getSubject(), token.getIssuer(), client == null ? null : unquoted(client.toString()));
    }

    /** A claim read as a JSON string keeps its quotes in some versions of the API. */
    private static String unquoted(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
