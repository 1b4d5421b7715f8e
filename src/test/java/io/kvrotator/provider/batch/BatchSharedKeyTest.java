package io.kvrotator.provider.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchSharedKeyTest {

    @Test
    @DisplayName("the string to sign is the documentation's example for List Jobs with a timeout")
    void documentedExample() {
        // "Authenticate requests to the Azure Batch service": GET .../jobs?api-version=...&timeout=20 with ocp-date.
        String stringToSign = BatchSharedKey.stringToSign("GET",
                URI.create("https://myaccount.westus.batch.azure.com/jobs?api-version=2014-01-01.1.0&timeout=20"),
                Map.of("ocp-date", "Tue, 29 Jul 2014 21:49:13 GMT"), "myaccount");

        assertThat(stringToSign).isEqualTo("GET\n\n\n\n\n\n\n\n\n\n\n\nocp-date:Tue, 29 Jul 2014 21:49:13 GMT\n"
                + "/myaccount/jobs\napi-version:2014-01-01.1.0\ntimeout:20");
    }

    @Test
    @DisplayName("query parameters are URL-decoded, named in lower case and sorted; ocp-* headers likewise")
    void canonicalization() {
        String stringToSign = BatchSharedKey.stringToSign("get",
                URI.create("https://acct.westus.batch.azure.com/pools?MaxResults=1&api-version=2024-07-01.20.0"
                        + "&%24filter=state%20eq%20%27active%27"),
                Map.of("OCP-Date", "Fri, 17 Feb 2017 00:00:00 GMT", "ocp-client-request-id", " abc "), "Acct");

        assertThat(stringToSign).endsWith("\n\nocp-client-request-id:abc\nocp-date:Fri, 17 Feb 2017 00:00:00 GMT\n"
                + "/acct/pools\n$filter:state eq 'active'\napi-version:2024-07-01.20.0\nmaxresults:1")
                .startsWith("GET\n");
    }

    @Test
    @DisplayName("the authorization is SharedKey account:Base64(HMAC-SHA256) keyed with the decoded key")
    void authorization() {
        // HMAC-SHA256 of "abc" under the key "key", computed independently:
        // printf abc | openssl dgst -sha256 -hmac key -binary | base64
        String key = Base64.getEncoder().encodeToString("key".getBytes(StandardCharsets.UTF_8));

        assertThat(BatchSharedKey.authorization("acct", key, "abc"))
                .isEqualTo("SharedKey acct:nBluMtwBdfhvSxy4konWYZ3mvuaZ5MN45oMJ7Zehpqs=");
    }
}
