package io.kvrotator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official Adaptive Card 1.4 schema (see {@code src/test/resources/adaptivecards/SOURCE.md}). */
public final class AdaptiveCardSchema {

    private static final JsonSchema SCHEMA_1_4 = load("/adaptivecards/1.4.0/adaptive-card.json");

    private AdaptiveCardSchema() {
    }

    /** The schema violations of a card; empty when it is valid Adaptive Card 1.4. */
    public static List<String> violations(JsonNode card) {
        return SCHEMA_1_4.validate(card).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = AdaptiveCardSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            // The published schema declares draft-06 but names itself with draft-04's "id": read "id" as an annotation.
            JsonMetaSchema draft6 = JsonMetaSchema.builder(JsonMetaSchema.getV6())
                    .keyword(new NonValidationKeyword("id")).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6, factory -> factory.metaSchema(draft6))
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
