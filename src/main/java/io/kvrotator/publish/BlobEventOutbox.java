package io.kvrotator.publish;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.kvrotator.support.ConditionalBlobWrite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link EventOutbox} in the function app's own storage account: one blob per held event,
 * {@code held/{event id}.json} (the CloudEvents JSON), and the blob {@code outage} while any are held. Creating
 * {@code outage} succeeds for exactly one instance, which tells the operators (a creation whose answer was lost is
 * read back, {@link ConditionalBlobWrite}).
 */
public final class BlobEventOutbox implements EventOutbox {

    private static final String HELD = "held/";
    private static final String OUTAGE = "outage";

    private final Supplier<BlobContainerClient> containers;
    private volatile BlobContainerClient container;

    /** @param container built on first use: a worker whose topic never fails never touches it */
    public BlobEventOutbox(Supplier<BlobContainerClient> container) {
        this.containers = container;
    }

    @Override
    public void hold(String id, String cloudEvent) {
        container().getBlobClient(HELD + id + ".json").upload(BinaryData.fromString(cloudEvent), true);
    }

    @Override
    public List<Held> held() {
        BlobContainerClient client = container();
        List<Held> held = new ArrayList<>();
        client.listBlobs(new ListBlobsOptions().setPrefix(HELD), null).stream()
                .sorted(Comparator.comparing((BlobItem blob) -> blob.getProperties().getLastModified()))
                .forEach(blob -> read(client, blob.getName()).ifPresent(held::add));
        return held;
    }

    /** Empty when another instance sent and removed it since the listing. */
    private static Optional<Held> read(BlobContainerClient client, String name) {
        try {
            return Optional.of(new Held(name.substring(HELD.length(), name.length() - ".json".length()),
                    client.getBlobClient(name).downloadContent().toString()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void remove(String id) {
        container().getBlobClient(HELD + id + ".json").deleteIfExists();
    }

    @Override
    public boolean firstOfOutage() {
        return ConditionalBlobWrite.write(container().getBlobClient(OUTAGE), BinaryData.fromString(""),
                new BlobRequestConditions().setIfNoneMatch("*")).isPresent();
    }

    @Override
    public void outageOver() {
        container().getBlobClient(OUTAGE).deleteIfExists();
    }

    /** Bicep leaves this container to the app; the first use creates it. */
    private synchronized BlobContainerClient container() {
        if (container == null) {
            BlobContainerClient client = containers.get();
            client.createIfNotExists();
            container = client;
        }
        return container;
    }
}
