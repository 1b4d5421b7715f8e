package io.kvrotator.infra;

import io.kvrotator.app.Setting;
import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events topic never hands out a key: every Event Grid custom topic in the templates has local authentication
 * disabled (a literal {@code disableLocalAuth: true}, not a parameter), takes CloudEvents 1.0, and no template reads
 * its keys ({@code listKeys}); and main.bicep gives the function the topic's endpoint. Beside
 * {@link InfraPolicyCheck}, which checks the Data Sender role through {@link BuiltInRole}.
 */
final class EventsTopicCheck {

    static final String TOPIC = "Microsoft.EventGrid/topics";

    private EventsTopicCheck() {
    }

    static List<Violation> check(InfraSources sources) {
        List<Violation> violations = new ArrayList<>();
        boolean anyTopic = false;
        for (var file : sources.files().entrySet()) {
            if (!file.getKey().endsWith(".bicep")) {
                continue;
            }
            BicepFile bicep = BicepFile.parse(file.getKey(), file.getValue());
            for (Statement.Resource topic : bicep.all(Statement.Resource.class)) {
                if (!topic.type().equals(TOPIC) || topic.existing()) {
                    continue;
                }
                anyTopic = true;
                String where = file.getKey() + " topic " + topic.symbol();
                if (!(topic.get("properties", "disableLocalAuth").orElse(null) instanceof Expr.Bool local
                        && local.value())) {
                    violations.add(new Violation(where, "local authentication (topic keys) is not disabled: set"
                            + " properties.disableLocalAuth to true"));
                }
                Optional<String> schema = topic.get("properties", "inputSchema").filter(Expr.Str.class::isInstance)
                        .flatMap(value -> ((Expr.Str) value).literal());
                if (!schema.equals(Optional.of("CloudEventSchemaV1_0"))) {
                    violations.add(new Violation(where, "inputSchema is " + schema.orElse("not a literal")
                            + ", kv-rotator publishes CloudEventSchemaV1_0"));
                }
                if (file.getValue().contains(topic.symbol() + ".listKeys(")) {
                    violations.add(new Violation(where, "its keys are read (listKeys): publishers sign in with"
                            + " Entra ID"));
                }
            }
        }
        if (anyTopic && !sources.get(Templates.MAIN).contains(Setting.EVENTS_TOPIC_ENDPOINT.key() + ":")) {
            violations.add(new Violation(Templates.MAIN, "an events topic exists but the app setting "
                    + Setting.EVENTS_TOPIC_ENDPOINT.key() + " does not give the function its endpoint"));
        }
        return violations;
    }
}
