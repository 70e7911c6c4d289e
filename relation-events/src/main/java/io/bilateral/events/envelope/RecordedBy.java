package io.bilateral.events.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who submitted an event: the subject and issuer of the token event-service verified, and the
 * client the token was issued to when it names one ({@code azp} or {@code client_id}). Set by
 * event-service from the token, never from the body. Events recorded before it was kept have none:
 * the read models say "unknown".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordedBy(String subject, String issuer, String clientId) {
}
