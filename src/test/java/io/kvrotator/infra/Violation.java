package io.kvrotator.infra;

/** One way the templates break the policy: where (a file, or a module instance) and what. */
public record Violation(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
