package io.bilateral.query.rest;

/** A read model has nothing under the requested id. */
public class NotFoundProblem extends RuntimeException {
    public NotFoundProblem(String message) {
        super(message);
    }
}
