package io.bilateral.ingest.auth;

import io.bilateral.events.envelope.RecordedBy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who submits this request's events, as the verified token says: its subject and issuer, and the
 * client it was issued to when it names one. The only source of an event's {@code recordedBy}:
 * a body that carries one is refused.
 */
@RequestScoped
public class Submitter {

    /** RFC 9068's client claim, for tokens without {@code azp}. */
    private static final String CLIENT_ID = "client_id";

    private final JsonWebToken token;

    Submitter(JsonWebToken token) {
        this.token = token;
    }

    public RecordedBy recordedBy() {
        String client = text(token.getClaim(Claims.azp));
        // Asked for only when the token has it: a claim MicroProfile JWT does not name is looked
        // up by throwing and catching an exception (Claims.valueOf), once per request.
        if (client == null && token.getClaimNames().contains(CLIENT_ID)) {
            client = text(token.getClaim(CLIENT_ID));
        }
        return new RecordedBy(token.getSubject(), token.getIssuer(), client);
    }

    /** A claim that is not one of the standard ones comes as a JSON value: its text, without JSON's quotes. */
    private static String text(Object claim) {
        return claim == null ? null : claim instanceof JsonString json ? json.getString() : claim.toString();
    }
}
