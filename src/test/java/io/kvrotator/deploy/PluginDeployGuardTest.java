package io.kvrotator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The pom keeps azure-functions-maven-plugin to staging: a typed {@code mvn azure-functions:deploy} (execution
 * {@code default-cli}) fails on a parameter Maven cannot convert before the plugin runs, and nothing in the pom
 * names a resource group or region that the plugin could create resources in.
 */
class PluginDeployGuardTest {

    private static final List<String> TARGET_PARAMETERS = List.of("resourceGroup", "region", "subscriptionId",
            "appServicePlanName", "appServicePlanResourceGroup", "pricingTier", "deploymentStorageAccount");

    private final Document pom = parse(Path.of("pom.xml"));
    private final Element plugin = functionsPlugin();

    @Test
    @DisplayName("no resource group, region or other Azure target in the plugin's configuration or the pom's properties")
    void pomNamesNoAzureTarget() {
        List<String> configured = new ArrayList<>();
        for (Element configuration : descendants(plugin, "configuration")) {
            for (Element parameter : children(configuration)) {
                configured.add(parameter.getTagName());
            }
        }
        List<String> properties = children(children(pom.getDocumentElement(), "properties").get(0)).stream()
                .map(Element::getTagName).toList();

        assertThat(configured).contains("appName").doesNotContainAnyElementsOf(TARGET_PARAMETERS);
        assertThat(properties).noneMatch(name -> name.matches("(?i).*(resourcegroup|region|subscription).*"));
    }

    @Test
    @DisplayName("azure-functions:deploy typed on the command line fails before it runs, saying what to use instead")
    void deployGoalCannotRun() {
        Element defaultCli = descendants(plugin, "execution").stream()
                .filter(execution -> text(execution, "id").equals("default-cli")).findFirst()
                .orElseThrow(() -> new AssertionError("no default-cli execution guards azure-functions:deploy"));
        String guard = text(children(defaultCli, "configuration").get(0), "httpInstanceConcurrency");

        assertThat(guard).doesNotContainPattern("^\\s*[0-9]+\\s*$").contains("infra/scripts/deploy-code.sh");
        assertThat(descendants(plugin, "goal")).extracting(Node::getTextContent).containsExactly("package");
    }

    private Element functionsPlugin() {
        return descendants(pom.getDocumentElement(), "plugin").stream()
                .filter(plugin -> text(plugin, "artifactId").equals("azure-functions-maven-plugin"))
                .findFirst().orElseThrow(() -> new AssertionError("no azure-functions-maven-plugin in pom.xml"));
    }

    private static String text(Element parent, String child) {
        List<Element> found = children(parent, child);
        return found.isEmpty() ? "" : found.get(0).getTextContent();
    }

    private static List<Element> children(Element parent) {
        return children(parent, null);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
                children.add(element);
            }
        }
        return children;
    }

    private static List<Element> descendants(Element root, String name) {
        List<Element> found = new ArrayList<>();
        var nodes = root.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Document parse(Path xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + xml, e);
        }
    }
}
