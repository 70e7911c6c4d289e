package io.bilateral.ingest.auth;

import io.bilateral.events.envelope.RecordedBy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
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
        String client = text(token.getClaim("azp"));
        return new RecordedBy(token.getSubject(), token.getIssuer(), client != null ? client : text(token.getClaim("client_id")));
    }

    /** A claim that is not one of the standard ones comes as a JSON value: its text, without JSON's quotes. */
    private static String text(Object claim) {
        return claim == null ? null : claim instanceof JsonString json ? json.getString() : claim.toString();
    }
}
