package io.kvrotator.provider.cosmosdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MasterKeyAuthorizationTest {

    @Test
    @DisplayName("signs the worked example of Microsoft's access-control page to the documented authorization")
    void documentedExample() throws Exception {
        JsonNode example;
        try (InputStream in = getClass().getResourceAsStream("/contracts/cosmosdb/master-key-signature-example.json")) {
            example = new ObjectMapper().readTree(in);
        }

        String header = MasterKeyAuthorization.header(example.path("verb").asText(),
                example.path("resourceType").asText(), example.path("resourceLink").asText(),
                example.path("date").asText(), example.path("key").asText());

        assertThat(URLDecoder.decode(header, StandardCharsets.UTF_8))
                .isEqualTo(URLDecoder.decode(example.path("authorization").asText(), StandardCharsets.UTF_8))
                .startsWith("type=master&ver=1.0&sig=");
        assertThat(header).isEqualToIgnoringCase(example.path("authorization").asText());
    }

    @Test
    @DisplayName("writes x-ms-date as an HTTP-date with a two-digit day")
    void httpDate() {
        assertThat(MasterKeyAuthorization.date(Instant.parse("2017-04-07T00:51:12Z")))
                .isEqualTo("Fri, 07 Apr 2017 00:51:12 GMT");
    }
}
