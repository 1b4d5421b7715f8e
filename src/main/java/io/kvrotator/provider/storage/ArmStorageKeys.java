package io.kvrotator.provider.storage;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.support.WholeBody;
import io.kvrotator.vault.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link StorageKeys} as ARM's REST actions {@code listKeys} and {@code regenerateKey}, sent over the pipeline every
 * {@code azure-resourcemanager} client is built with (its authentication, {@link ArmRetryPolicy}, logging) and read
 * with azure-json. Not through {@code azure-resourcemanager-storage}: building its client made a REST proxy for each
 * of its twenty-odd operation groups (about 120 classes) before a fresh worker's first storage rotation could send
 * these two requests.
 */
public final class ArmStorageKeys implements StorageKeys {

    /** The version {@code azure-resourcemanager-storage} 2.55 called. */
    static final String API_VERSION = "2025-06-01";

    private final ArmManagers<HttpPipeline> pipelines;
    private final String endpoint;

    public ArmStorageKeys(ArmAccess arm) {
        this.pipelines = arm.managers((http, credential, profile, retry) -> HttpPipelineProvider.buildHttpPipeline(
                credential, profile, null, new HttpLogOptions(), Configuration.getGlobalConfiguration(), retry,
                List.of(), http));
        String resourceManager = arm.environment().getResourceManagerEndpoint();
        this.endpoint = resourceManager.endsWith("/") ? resourceManager.substring(0, resourceManager.length() - 1)
                : resourceManager;
    }

    @Override
    public Map<String, SecretValue> list(StorageAccountId account) {
        return post(account, "listKeys", null, Context.NONE);
    }

    @Override
    public SecretValue regenerate(StorageAccountId account, String keyName) {
        SecretValue value = post(account, "regenerateKey", "{\"keyName\":\"" + keyName + "\"}",
                ArmRetryPolicy.sentOnce()).get(keyName.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw RotationException.retryable(Step.ROTATE,
                    "regenerateKey for " + account.accountName() + " returned no " + keyName);
        }
        return value;
    }

    /** The keys the action answers with, by lower-case name; a {@link ManagementException} for any other answer. */
    private Map<String, SecretValue> post(StorageAccountId account, String action, String body, Context context) {
        HttpRequest request = new HttpRequest(HttpMethod.POST, endpoint + account.resourceId() + "/" + action
                + "?api-version=" + API_VERSION)
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setBody(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        try (HttpResponse response = pipelines.of(account.subscriptionId())
                .sendSync(request, WholeBody.readWith(context))) {
            BinaryData answer = response.getBodyAsBinaryData();
            byte[] bytes = answer == null ? new byte[0] : answer.toBytes();
            if (response.getStatusCode() != 200) {
                throw refused(account, action, response, bytes);
            }
            return keys(bytes, account, action);
        }
    }

    /**
     * {@code {"keys": [{"keyName": "key1", "value": "...", ...}, ...]}}: the entries with a name and a value, by
     * lower-case name.
     */
    static Map<String, SecretValue> keys(byte[] body, StorageAccountId account, String action) {
        try (JsonReader reader = JsonProviders.createReader(body)) {
            if (reader.nextToken() == JsonToken.START_OBJECT) {
                Map<String, SecretValue> keys = new HashMap<>();
                while (reader.nextToken() == JsonToken.FIELD_NAME) {
                    String field = reader.getFieldName();
                    if (reader.nextToken() == JsonToken.START_ARRAY && field.equals("keys")) {
                        for (JsonToken entry = reader.nextToken(); entry != JsonToken.END_ARRAY;
                             entry = reader.nextToken()) {
                            if (entry == null) {
                                throw new IOException("the keys end early");
                            } else if (entry == JsonToken.START_OBJECT) {
                                readKey(reader, keys);
                            } else {
                                reader.skipChildren();
                            }
                        }
                    } else {
                        reader.skipChildren();
                    }
                }
                return keys;
            }
        } catch (IOException | RuntimeException e) {
            // The parser's own message can quote the body, and the body holds keys: its error is dropped.
        }
        throw new IllegalStateException(action + " of storage account " + account.accountName()
                + " answered a body that is not its keys");
    }

    private static void readKey(JsonReader reader, Map<String, SecretValue> keys) throws IOException {
        String name = null;
        String value = null;
        while (reader.nextToken() == JsonToken.FIELD_NAME) {
            String field = reader.getFieldName();
            reader.nextToken();
            if (field.equals("keyName") && reader.currentToken() == JsonToken.STRING) {
                name = reader.getString();
            } else if (field.equals("value") && reader.currentToken() == JsonToken.STRING) {
                value = reader.getString();
            } else {
                reader.skipChildren();
            }
        }
        if (name != null && value != null && !value.isEmpty()) {
            keys.put(name.toLowerCase(Locale.ROOT), SecretValue.of(value));
        }
    }

    /** ARM's error ({@code {"error": {"code": ..., "message": ...}}}) when it sent one; never the body itself. */
    private static ManagementException refused(StorageAccountId account, String action, HttpResponse response,
                                               byte[] body) {
        ManagementError error = null;
        if (response.getStatusCode() >= 400) {
            try (JsonReader reader = JsonProviders.createReader(body)) {
                error = ManagementError.fromJson(reader);
            } catch (IOException | RuntimeException e) {
                // not ARM's error shape: the status alone says what happened
            }
        }
        String code = error == null || error.getCode() == null ? "" : ", " + error.getCode();
        return new ManagementException(action + " of storage account " + account.accountName() + ": status "
                + response.getStatusCode() + code, response, error);
    }
}
