package io.kvrotator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy lines findings cite are the organisation's words, as DESIGN.md section 10 writes them. */
class PolicyLineTest {

    @Test
    @DisplayName("the bullet and every clause a finding cites appear verbatim in DESIGN.md section 10")
    void quotedVerbatim() throws IOException {
        Path design = Path.of(System.getProperty("kvrotator.shared.dir", "../shared"), "DESIGN.md");
        assumeTrue(Files.isRegularFile(design), "DESIGN.md is beside the project (../shared) on our machines");
        String text = Files.readString(design);
        String section = text.substring(text.indexOf("## 10."), text.indexOf("## 11."));

        assertThat(section.replaceAll("\\s+", " ")).contains(PolicyLine.BULLET);
        for (PolicyLine line : PolicyLine.values()) {
            assertThat(PolicyLine.BULLET).contains(line.clause());
            assertThat(line.citation()).contains("\"" + line.clause() + "\"");
        }
    }
}
