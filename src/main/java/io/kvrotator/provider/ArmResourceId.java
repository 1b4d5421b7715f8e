package io.kvrotator.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * An Azure resource ID of one expected type, as a {@code ProviderAddress} tag holds it, e.g.
 * {@code /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.ServiceBus/namespaces/{ns}/authorizationRules/
 * {rule}}: its subscription, resource group and the names along the type (namespace, then rule).
 */
public record ArmResourceId(String subscriptionId, String resourceGroup, List<String> names, String resourceId) {

    private static final Pattern PREFIX = Pattern.compile(
            "/subscriptions/([0-9A-Fa-f-]{36})/resourceGroups/([-\\w._()]{1,90})/providers/(.+?)/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]{0,259}");

    /**
     * Parses {@code address} as a resource of {@code type} (e.g. {@code Microsoft.Cache/redis} or
     * {@code Microsoft.EventHub/namespaces/eventhubs/authorizationRules}); empty for anything else.
     */
    public static Optional<ArmResourceId> parse(String address, String type) {
        return parse(address, type, true);
    }

    /**
     * The resource of {@code type} that {@code address} is or lies in: for {@code Microsoft.ServiceBus/namespaces},
     * the namespace of a namespace, queue or topic rule's ID; empty when the address has no such resource.
     */
    public static Optional<ArmResourceId> within(String address, String type) {
        return parse(address, type, false);
    }

    private static Optional<ArmResourceId> parse(String address, String type, boolean exact) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher matcher = PREFIX.matcher(address.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String[] expected = type.split("/");
        int length = expected.length * 2 - 1;
        String[] segments = matcher.group(3).split("/");
        if ((exact ? segments.length != length : segments.length < length)
                || !segments[0].equalsIgnoreCase(expected[0])) {
            return Optional.empty();
        }
        String[] actual = Arrays.copyOf(segments, length);
        for (int i = 1; i < expected.length; i++) {
            if (!actual[2 * i - 1].equalsIgnoreCase(expected[i]) || !NAME.matcher(actual[2 * i]).matches()) {
                return Optional.empty();
            }
        }
        List<String> names = Arrays.stream(actual).skip(2).toList();
        List<String> only = IntStream.range(0, names.size()).filter(i -> i % 2 == 0).mapToObj(names::get).toList();
        String canonical = "/subscriptions/" + matcher.group(1) + "/resourceGroups/" + matcher.group(2)
                + "/providers/" + String.join("/", actual);
        return Optional.of(new ArmResourceId(matcher.group(1), matcher.group(2), only, canonical));
    }

    /** The last name: the resource itself (the rule, the cache, the account). */
    public String name() {
        return names.get(names.size() - 1);
    }
}
