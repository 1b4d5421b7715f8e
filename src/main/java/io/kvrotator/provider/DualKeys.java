package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretValue;
import java.util.Map;

/**
 * The alternation of a resource with two regenerable keys: the key the latest version's value is proven to be
 * stays in use, the other one is regenerated.
 *
 * @param first  the first key's name as the service names it, e.g. {@code key1}
 * @param second the second key's name, e.g. {@code key2}
 */
public record DualKeys(String first, String second) {

    public String other(String keyName) {
        if (first.equalsIgnoreCase(keyName)) {
            return second;
        }
        if (second.equalsIgnoreCase(keyName)) {
            return first;
        }
        throw new IllegalArgumentException("not one of " + first + "/" + second + ": " + keyName);
    }

    /**
     * Which of the resource's current keys {@code value} is: the proof of possession. A terminal refusal when it is
     * neither, so nothing is changed for a secret that does not hold a key of the resource its tags name.
     *
     * @param keys     the resource's keys by name, as the service lists them now
     * @param resource how to name the resource in the refusal, e.g. {@code storage account stdata}
     */
    public String holding(Map<String, SecretValue> keys, SecretValue value, String resource) {
        for (String name : new String[] {first, second}) {
            SecretValue key = keys.get(name);
            if (key != null && key.equals(value)) {
                return name;
            }
        }
        throw RotationException.terminal(Step.PLAN, "refused: the secret's value is neither " + first + " nor " + second
                + " of " + resource + " (it was regenerated elsewhere, or the tags name a resource the secret does"
                + " not belong to); nothing was changed");
    }
}
