package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.regex.Pattern;

/**
 * A person or group named in a fact (a visitor, a sanctioned senator, a recruited politician),
 * optionally with its Wikidata id ({@code Q…}) so that the same person is recognised across facts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Person(@JsonProperty(required = true) String name, String wikidataId) {

    private static final Pattern WIKIDATA = Pattern.compile("Q[1-9][0-9]*");

    public Person {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a person needs a name");
        }
        if (wikidataId != null && !WIKIDATA.matcher(wikidataId).matches()) {
            throw new IllegalArgumentException("wikidataId must look like Q15031, not '" + wikidataId + "'");
        }
    }
}
