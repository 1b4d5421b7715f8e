package io.kvrotator.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The owners of a message split by channel: entries with an {@code @} are email addresses, anything else names a
 * Teams route (a {@code teams:} prefix is allowed, e.g. {@code NotifyTo=teams:payments-oncall}).
 */
public record Addressees(List<String> emails, List<String> teamsRoutes) {

    private static final String TEAMS_PREFIX = "teams:";

    public Addressees {
        emails = List.copyOf(emails);
        teamsRoutes = List.copyOf(teamsRoutes);
    }

    public static Addressees of(List<String> owners) {
        List<String> emails = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        for (String owner : owners) {
            String trimmed = owner.trim();
            if (trimmed.contains("@")) {
                if (!emails.contains(trimmed)) {
                    emails.add(trimmed);
                }
            } else if (!trimmed.isEmpty()) {
                String route = trimmed.toLowerCase(Locale.ROOT);
                route = route.startsWith(TEAMS_PREFIX) ? route.substring(TEAMS_PREFIX.length()) : route;
                if (!routes.contains(route)) {
                    routes.add(route);
                }
            }
        }
        return new Addressees(emails, routes);
    }
}
