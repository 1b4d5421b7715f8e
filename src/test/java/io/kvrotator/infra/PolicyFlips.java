package io.kvrotator.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The real templates, the policy check as the build runs it, and altered copies of the templates to check. */
final class PolicyFlips {

    static final InfraSources TEMPLATES = InfraSources.read(ProjectPaths.infraDir());
    static final InfraPolicyCheck CHECK = new InfraPolicyCheck(InfraExpectations.fromCode(
            AppFunctions.fromAnnotations().entrySet().stream()
                    .filter(f -> f.getValue().equals(AppFunctions.EVENT_GRID_TRIGGER))
                    .map(Map.Entry::getKey).collect(Collectors.toSet())));

    static final String MAIN = "main.bicep";
    static final String AUTHENTICATION = "modules/apiAuthentication.bicep";
    static final String ALERTS = "modules/alerts.bicep";
    static final String VAULT = "modules/keyVault.bicep";
    static final String DEV = "parameters/dev.bicepparam";
    static final String PREPROD = "parameters/preprod.bicepparam";
    static final String PROD = "parameters/prod.bicepparam";

    private PolicyFlips() {
    }

    static List<String> violations(InfraSources sources) {
        return CHECK.check(sources).stream().map(Violation::toString).toList();
    }

    /** A copy with the first {@code target} after {@code anchor} in {@code path} replaced; both must occur. */
    static InfraSources replaceAfter(String path, String anchor, String target, String replacement) {
        String text = TEMPLATES.get(path);
        int from = text.indexOf(anchor);
        int at = from < 0 ? -1 : text.indexOf(target, from);
        if (at < 0) {
            throw new IllegalArgumentException(path + " has no " + target + " after " + anchor);
        }
        return TEMPLATES.with(path, text.substring(0, at) + replacement + text.substring(at + target.length()));
    }
}
