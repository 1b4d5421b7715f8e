package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretValue;
import java.util.List;
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
        throw refusal("neither " + first + " nor " + second, resource);
    }

    /** Whether {@code keyName} is one of this pair. */
    public boolean names(String keyName) {
        return first.equalsIgnoreCase(keyName) || second.equalsIgnoreCase(keyName);
    }

    /**
     * The pair among {@code pairs} whose key {@code value} is: the proof of possession for a resource with more than
     * one pair. A terminal refusal naming every key when it is none of them.
     */
    public static DualKeys holdingPair(List<DualKeys> pairs, Map<String, SecretValue> keys, SecretValue value,
                                       String resource) {
        if (pairs.size() == 1) {
            return pairs.get(0);
        }
        for (DualKeys pair : pairs) {
            for (String name : new String[] {pair.first, pair.second}) {
                SecretValue key = keys.get(name);
                if (key != null && key.equals(value)) {
                    return pair;
                }
            }
        }
        List<String> names = pairs.stream().flatMap(pair -> List.of(pair.first, pair.second).stream()).toList();
        throw refusal("none of " + String.join(", ", names), resource);
    }

    /** The pair among {@code pairs} that {@code keyName} belongs to. */
    public static DualKeys pairOf(List<DualKeys> pairs, String keyName) {
        return pairs.stream().filter(pair -> pair.names(keyName)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("not one of " + pairs + ": " + keyName));
    }

    private static RotationException refusal(String which, String resource) {
        return RotationException.terminal(Step.PLAN, "refused: the secret's value is " + which + " of " + resource
                + " (it was regenerated elsewhere, or the tags name a resource the secret does not belong to);"
                + " nothing was changed");
    }
}
