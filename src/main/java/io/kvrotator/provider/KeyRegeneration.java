package io.kvrotator.provider;

import com.azure.core.exception.HttpResponseException;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretValue;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * Regenerates one key of a {@link DualKeyService} under rule A (DESIGN.md section 4): the request goes out once
 * ({@link ArmRetryPolicy#sentOnce()}), and what the caller gets is the key as the service lists it afterwards, which
 * must differ from its value before the regenerate. After an answer with a key, the listed key must also be the
 * answered one. After a failure that does not prove the regenerate was not applied (a timeout, a reset, a 5xx, a
 * lost answer), the listing decides: a key that differs from its value before was regenerated, and its listed value
 * is adopted. An unchanged key fails retryably either way, and nothing is regenerated again on a guess.
 */
final class KeyRegeneration<R> {

    private static final System.Logger LOG = System.getLogger(KeyRegeneration.class.getName());

    private final DualKeyService<R> service;

    KeyRegeneration(DualKeyService<R> service) {
        this.service = service;
    }

    /**
     * Regenerates {@code keyName} of {@code resource} and returns its new value as the service lists it.
     *
     * @param before the key's value as listed just before, under the same lock (null if unlisted)
     * @param step   the protocol step a failure belongs to: {@link Step#ROTATE}, or {@link Step#REVOKE} for an
     *               invalidation
     */
    SecretValue regenerate(R resource, String keyName, SecretValue before, Step step) {
        Optional<SecretValue> answered;
        try {
            answered = service.regenerate(resource, keyName);
        } catch (RuntimeException e) {
            if (refusedByTheService(e)) {
                throw e;
            }
            return readBackAfter(e, resource, keyName, before, step);
        }
        SecretValue listed = readBack(resource, keyName, step, "the regenerate of " + keyName + " was answered");
        if (Objects.equals(listed, before)) {
            // A stale listing or a regenerate not applied yet: the key is not known, so nothing is stored or revoked.
            throw RotationException.retryable(step, keyName + " of " + service.describe(resource) + " is listed"
                    + " unchanged after its regenerate was answered; it is not used, and not sent again on a guess");
        }
        if (answered.isPresent() && !listed.equals(answered.get())) {
            throw RotationException.retryable(step, keyName + " of " + service.describe(resource) + " as listed after"
                    + " its regenerate is not the value the regenerate answered (it changed again meanwhile); it is"
                    + " not used");
        }
        return listed;
    }

    /** Rule A: the listing says whether the regenerate whose outcome is unknown was applied. */
    private SecretValue readBackAfter(RuntimeException error, R resource, String keyName, SecretValue before,
                                      Step step) {
        String name = service.describe(resource);
        String what = SafeErrorText.of(error);
        SecretValue listed = readBack(resource, keyName, step, "the regenerate of " + keyName + " failed (" + what
                + ")");
        if (Objects.equals(listed, before)) {
            throw RotationException.retryable(step, "the regenerate of " + keyName + " of " + name + " failed ("
                    + what + ") and had not been applied when the keys were read back (" + keyName + " unchanged);"
                    + " it is not sent again on a guess");
        }
        LOG.log(Level.WARNING, () -> ("dualkey.regenerate_answer_lost resource=\"%s\" key=%s error=\"%s\" (read back:"
                + " regenerated; the listed value is used)").formatted(name, keyName, what));
        return listed;
    }

    /** The key as listed now; retryable when the listing fails or lacks it. */
    private SecretValue readBack(R resource, String keyName, Step step, String after) {
        SecretValue listed;
        try {
            listed = service.list(resource).get(keyName);
        } catch (RotationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RotationException.retryable(step, "the keys of " + service.describe(resource)
                    + " could not be read back after " + after + ": " + SafeErrorText.of(e) + "; the key is not used");
        }
        if (listed == null) {
            throw RotationException.retryable(step, "the keys of " + service.describe(resource) + " read back after "
                    + after + " have no " + keyName);
        }
        return listed;
    }

    /** A 4xx answer (but 408): the service refused the request, so it applied nothing. */
    private static boolean refusedByTheService(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpResponseException http && http.getResponse() != null) {
                int status = http.getResponse().getStatusCode();
                return status >= 400 && status < 500 && status != 408;
            }
        }
        return false;
    }
}
