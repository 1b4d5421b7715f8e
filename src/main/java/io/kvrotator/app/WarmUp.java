package io.kvrotator.app;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import io.kvrotator.graph.WrittenObject;
import io.kvrotator.support.BlobRecordJson;
import io.kvrotator.support.Lazy;
import io.kvrotator.vault.SecretClients;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds, on a background thread while the rest of the context is wired, what a worker's first rotation will need,
 * in the order it needs it: the HTTP client, each allowed vault's secret client, the lock's blob container and, when
 * notices go by email, the Graph client and its JSON writer. A cold worker spends most of its first answer loading
 * classes; done here, that loading overlaps the first invocation's own work and remote calls instead of lengthening
 * it. Nothing here calls a service or asks for a token, and a failure is only logged: the first use builds what is
 * missing.
 */
final class WarmUp {

    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

    private WarmUp() {
    }

    /** Readies the JDK's TLS stack ({@link TlsWarmUp}) on a thread of its own. */
    static void tls() {
        inBackground("kv-rotator-warm-up-tls", List.of(new TlsWarmUp()));
    }

    /**
     * Loads Jackson's databind, on a thread of its own, while the context is built without it, by building the
     * notice ledger's and the approvals' shared mapper ({@link BlobRecordJson}) and using it once: the event parser
     * and the cards build their mappers on first use, which is then quick.
     */
    static void json() {
        inBackground("kv-rotator-warm-up-json", List.of(() -> {
            ObjectMapper mapper = BlobRecordJson.mapper();
            try {
                mapper.writeValueAsBytes(mapper.readTree("{\"warmUp\": [true, 1, \"text\", {}]}"));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    static void start(Runnable httpClient, SecretClients secretClients, List<String> vaults,
                      Optional<Lazy<BlobContainerClient>> lockContainer, Optional<Lazy<GraphServiceClient>> mailGraph) {
        List<Runnable> steps = new ArrayList<>(List.of(httpClient));
        vaults.forEach(vault -> steps.add(() -> secretClients.forVault(vault)));
        lockContainer.ifPresent(container -> steps.add(() -> container.get().getBlobClient("warm-up")));
        mailGraph.ifPresent(graph -> steps.add(() -> {
            new RequestInformation().setContentFromParsable(graph.get().getRequestAdapter(), "application/json",
                    new WrittenObject().put("warmUp", true));
        }));
        inBackground("kv-rotator-warm-up", steps);
    }

    private static void inBackground(String name, List<Runnable> steps) {
        Thread thread = new Thread(() -> steps.forEach(WarmUp::run), name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "warm_up.step_failed error=" + e.getClass().getSimpleName());
        }
    }
}
