package io.bilateral.ingest.validate;

import io.bilateral.events.problem.Violation;

import java.util.List;

/** A submission that cannot become an event; carries every reason found, not just the first. */
public class InvalidSubmissionException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidSubmissionException(List<Violation> violations) {
        super(violations.size() + " problem(s), first: " + violations.get(0).pointer() + " " + violations.get(0).detail());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
