package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventsTopicCheck} on the real templates, and on altered copies that it must catch. */
class EventsTopicCheckTest {

    private static final InfraSources TEMPLATES = InfraSources.read(ProjectPaths.infraDir());
    private static final String MODULE = "modules/eventsTopic.bicep";

    private static List<String> violations(InfraSources sources) {
        return EventsTopicCheck.check(sources).stream().map(Violation::toString).toList();
    }

    @Test
    @DisplayName("passes on the templates in infra/, which have an events topic")
    void passes() {
        assertThat(TEMPLATES.get(MODULE)).contains("'" + EventsTopicCheck.TOPIC + "@");
        assertThat(violations(TEMPLATES)).isEmpty();
    }

    @Test
    @DisplayName("fails when the topic accepts its keys again")
    void localAuthOn() {
        assertThat(violations(TEMPLATES.replaceFirst(MODULE, "disableLocalAuth: true", "disableLocalAuth: false")))
                .anySatisfy(v -> assertThat(v).contains("local authentication (topic keys) is not disabled"));
    }

    @Test
    @DisplayName("fails when disableLocalAuth is left to the default")
    void localAuthMissing() {
        assertThat(violations(TEMPLATES.replaceFirst(MODULE, "    disableLocalAuth: true\n", "")))
                .anySatisfy(v -> assertThat(v).contains("local authentication (topic keys) is not disabled"));
    }

    @Test
    @DisplayName("fails when a template reads the topic's keys")
    void keysRead() {
        assertThat(violations(TEMPLATES.with(MODULE, TEMPLATES.get(MODULE)
                + "\noutput key string = topic.listKeys().key1\n")))
                .anySatisfy(v -> assertThat(v).contains("its keys are read"));
    }

    @Test
    @DisplayName("fails when the topic takes another schema than CloudEvents 1.0")
    void schema() {
        assertThat(violations(TEMPLATES.replaceFirst(MODULE, "'CloudEventSchemaV1_0'", "'EventGridSchema'")))
                .anySatisfy(v -> assertThat(v).contains("inputSchema is EventGridSchema"));
    }

    @Test
    @DisplayName("fails when main.bicep does not hand the topic's endpoint to the function")
    void settingMissing() {
        assertThat(violations(TEMPLATES.replaceFirst("main.bicep",
                "    ROTATOR_EVENTS_TOPIC_ENDPOINT: eventsTopic.outputs.endpoint\n", "")))
                .anySatisfy(v -> assertThat(v).contains("does not give the function its endpoint"));
    }
}
