package io.kvrotator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pipeline builds one package and every environment deploys that one: azure-pipelines.yml (the Build stage and
 * the stage list) and infra/pipelines/deploy-environment.yml (the stages of dev, preprod and prod).
 */
class PipelineDeployStagesTest {

    private static final Path PIPELINE = Path.of("azure-pipelines.yml");
    private static final String DEPLOY_TEMPLATE = "infra/pipelines/deploy-environment.yml";
    private static final Pattern MAVEN = Pattern.compile("\\bmvn\\b|azure-functions:|JavaToolInstaller|Maven@");

    private final JsonNode pipeline = read(PIPELINE);
    private final JsonNode deployTemplate = read(Path.of(DEPLOY_TEMPLATE));

    @Test
    @DisplayName("the Build stage runs mvn -B verify once, then publishes the zip mvn package builds")
    void buildStagePublishesTheZip() {
        List<JsonNode> steps = steps(buildStage().path("jobs"));
        int verify = indexOf(steps, step -> step.path("script").asText().trim().equals("mvn -B verify"));
        int publish = indexOf(steps, PipelineDeployStagesTest::isPublish);

        assertThat(steps.stream().filter(step -> MAVEN.matcher(step.path("script").asText()).find())).hasSize(1);
        assertThat(publish).isNotNegative();
        assertThat(verify).isNotNegative().isLessThan(publish);
        assertThat(steps.get(publish).path("inputs").path("targetPath").asText())
                .isEqualTo("$(System.DefaultWorkingDirectory)/" + zipThatMavenBuilds());
    }

    @Test
    @DisplayName("dev, preprod and prod are each one deploy-environment.yml stage, in that order")
    void everyEnvironmentIsTheDeployTemplate() {
        List<String> environments = new ArrayList<>();
        List<String> dependsOn = new ArrayList<>();
        for (JsonNode stage : pipeline.path("stages")) {
            if (stage.has("template")) {
                assertThat(stage.path("template").asText()).isEqualTo(DEPLOY_TEMPLATE);
                environments.add(stage.path("parameters").path("env").asText());
                dependsOn.add(stage.path("parameters").path("dependsOn").asText());
            } else {
                assertThat(stage.path("stage").asText()).isEqualTo("Build");
            }
        }

        assertThat(environments).containsExactly("dev", "preprod", "prod");
        assertThat(dependsOn).containsExactly("Build", "Deploy_dev", "Deploy_preprod");
    }

    @Test
    @DisplayName("no deploy stage runs Maven: no mvn, no azure-functions goal, no JDK")
    void deployStagesBuildNothing() {
        assertThat(deploySteps()).isNotEmpty().allSatisfy(step -> assertThat(step.toString())
                .as("deploy step %s", step.path("displayName").asText()).doesNotContainPattern(MAVEN));
    }

    @Test
    @DisplayName("each deploy stage downloads the Build artifact and runs deploy-code.sh on it before the events pass")
    void deployStagesDeployThePublishedZipBeforeTheEventsPass() {
        JsonNode publish = steps(buildStage().path("jobs")).stream().filter(PipelineDeployStagesTest::isPublish)
                .findFirst().orElseThrow();
        String artifact = publish.path("inputs").path("artifact").asText();
        String zipName = Path.of(zipThatMavenBuilds()).getFileName().toString();
        List<JsonNode> steps = deploySteps();

        int download = indexOf(steps, step -> step.path("download").asText().equals("current")
                && step.path("artifact").asText().equals(artifact));
        int infra = indexOf(steps, step -> inlineScript(step).contains("KVROTATOR_SUBSCRIBE_TO_EVENTS=false"));
        int deployCode = indexOf(steps, step -> step.path("inputs").path("scriptPath").asText()
                .equals("infra/scripts/deploy-code.sh"));
        int events = indexOf(steps, step -> inlineScript(step).contains("KVROTATOR_SUBSCRIBE_TO_EVENTS=true"));

        assertThat(artifact).isNotBlank();
        assertThat(steps.stream().filter(step -> step.has("download"))).hasSize(1);
        assertThat(steps.get(deployCode).path("inputs").path("arguments").asText())
                .isEqualTo("$(resourceGroup) $(functionAppName) $(Pipeline.Workspace)/" + artifact + "/" + zipName);
        assertThat(List.of(download, infra, deployCode, events)).doesNotContain(-1).isSorted();
    }

    /** target/kv-rotator-functions.zip, as the pom tells surefire. */
    private static String zipThatMavenBuilds() {
        Path zip = Path.of(System.getProperty("kvrotator.functions.zip", "target/kv-rotator-functions.zip"));
        Path relative = zip.isAbsolute() ? Path.of("").toAbsolutePath().relativize(zip) : zip;
        return relative.toString().replace('\\', '/');
    }

    private JsonNode buildStage() {
        for (JsonNode stage : pipeline.path("stages")) {
            if (stage.path("stage").asText().equals("Build")) {
                return stage;
            }
        }
        throw new AssertionError("no Build stage in " + PIPELINE);
    }

    /** The steps of the deployment job every environment runs. */
    private List<JsonNode> deploySteps() {
        assertThat(deployTemplate.path("stages")).hasSize(1);
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode job : deployTemplate.path("stages").get(0).path("jobs")) {
            job.path("strategy").path("runOnce").path("deploy").path("steps").forEach(steps::add);
            job.path("steps").forEach(steps::add);
        }
        return steps;
    }

    private static List<JsonNode> steps(JsonNode jobs) {
        List<JsonNode> steps = new ArrayList<>();
        jobs.forEach(job -> job.path("steps").forEach(steps::add));
        return steps;
    }

    private static boolean isPublish(JsonNode step) {
        return step.path("task").asText().startsWith("PublishPipelineArtifact@");
    }

    private static String inlineScript(JsonNode step) {
        return step.path("inputs").path("inlineScript").asText();
    }

    private static int indexOf(List<JsonNode> steps, Predicate<JsonNode> wanted) {
        for (int i = 0; i < steps.size(); i++) {
            if (wanted.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode read(Path yaml) {
        try {
            return new YAMLMapper().readTree(yaml.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + yaml, e);
        }
    }
}
