package io.kvrotator.failure;

/**
 * Why a rotation did not complete. {@link Retryable} failures (throttling, 5xx, timeouts, a held lock) leave
 * nothing half done that a retry cannot finish: the Event Grid function throws so that Event Grid redelivers.
 * {@link Terminal} failures (bad tags, missing permission, unknown provider) will not heal by retrying: the owner
 * is told once and the event completes.
 *
 * @param step the protocol step that failed, e.g. {@link Step#ROTATE} or {@link Step#STORE}
 * @param message what went wrong and, for terminal failures, what to do; never a secret value
 */
public sealed interface Failure {

    Step step();

    String message();

    record Retryable(Step step, String message) implements Failure {
    }

    record Terminal(Step step, String message) implements Failure {
    }
}
