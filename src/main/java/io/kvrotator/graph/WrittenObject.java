package io.kvrotator.graph;

import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.SerializationWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A JSON object the app sends to Graph and never reads back, written by the Graph SDK's own serialization writer.
 * Used where the generated model would cost a cold worker dearly: Graph's {@code Message} and {@code FileAttachment}
 * derive from {@code Entity}, whose discriminator factory names every entity type of Graph, and verifying it loads
 * about 1,100 classes before a worker's first email can go. Values are strings, booleans, bytes (written as base64),
 * nested objects and lists of objects; properties keep the order they were added in.
 */
public final class WrittenObject implements Parsable {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    public WrittenObject put(String name, String value) {
        properties.put(name, value);
        return this;
    }

    public WrittenObject put(String name, boolean value) {
        properties.put(name, value);
        return this;
    }

    public WrittenObject put(String name, byte[] value) {
        properties.put(name, value.clone());
        return this;
    }

    public WrittenObject put(String name, WrittenObject value) {
        properties.put(name, value);
        return this;
    }

    public WrittenObject put(String name, List<WrittenObject> values) {
        properties.put(name, List.copyOf(values));
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(SerializationWriter writer) {
        properties.forEach((name, value) -> {
            if (value instanceof String text) {
                writer.writeStringValue(name, text);
            } else if (value instanceof Boolean flag) {
                writer.writeBooleanValue(name, flag);
            } else if (value instanceof byte[] bytes) {
                writer.writeByteArrayValue(name, bytes);
            } else if (value instanceof WrittenObject object) {
                writer.writeObjectValue(name, object);
            } else {
                writer.writeCollectionOfObjectValues(name, (List<WrittenObject>) value);
            }
        });
    }

    /** Nothing is read into this type. */
    @Override
    public Map<String, Consumer<ParseNode>> getFieldDeserializers() {
        return Collections.emptyMap();
    }
}
